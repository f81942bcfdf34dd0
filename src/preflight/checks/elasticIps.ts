import { DescribeAddressesCommand } from "@aws-sdk/client-ec2";
import { addedBy, quotaVerdict } from "../programNeeds.js";
import { serviceQuota } from "../serviceQuota.js";
import type { PreflightCheck } from "../types.js";

/**
 * Elastic IPs per Region: quota L-0263D0A3, 5 by default. The bastion's public IPv4 is assigned
 * at launch, not an Elastic IP: only `aws:ec2/eip:Eip` resources count here.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html#using-instance-addressing-limit
 */
const EIP_QUOTA = { service: "ec2", code: "L-0263D0A3", defaultValue: 5 };

export const elasticIpsCheck: PreflightCheck = {
  id: "quota-elastic-ips",
  actions: ["servicequotas:GetServiceQuota", "ec2:DescribeAddresses"],
  doc: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html#using-instance-addressing-limit",
  async run(context) {
    const need = addedBy(context, "aws:ec2/eip:Eip");
    const quota = await serviceQuota(context.aws, EIP_QUOTA);
    const addresses = await context.aws.ec2.send(new DescribeAddressesCommand({}));
    const verdict = quotaVerdict(
      "Elastic IPs",
      quota.value,
      addresses.Addresses?.length ?? 0,
      need,
      quota.source,
    );
    if (verdict.ok) return { ok: true, detail: verdict.detail };
    return {
      ok: false,
      detail: verdict.detail,
      fix: 'Release an unused Elastic IP (aws ec2 release-address) or ask for more in Service Quotas (Amazon EC2, "EC2-VPC Elastic IPs").',
    };
  },
};
