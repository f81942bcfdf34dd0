import { DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { addedBy, quotaVerdict } from "../programNeeds.js";
import { serviceQuota } from "../serviceQuota.js";
import type { PreflightCheck } from "../types.js";

/** VPCs per Region: quota L-F678F1CE, 5 by default (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html). */
const VPC_QUOTA = { service: "vpc", code: "L-F678F1CE", defaultValue: 5 };

export const vpcsCheck: PreflightCheck = {
  id: "quota-vpcs",
  actions: ["servicequotas:GetServiceQuota", "ec2:DescribeVpcs"],
  doc: "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html",
  async run(context) {
    const need = addedBy(context, "aws:ec2/vpc:Vpc");
    const quota = await serviceQuota(context.aws, VPC_QUOTA);
    let used = 0;
    let token: string | undefined;
    do {
      const page = await context.aws.ec2.send(new DescribeVpcsCommand({ NextToken: token }));
      used += page.Vpcs?.length ?? 0;
      token = page.NextToken;
    } while (token);
    const verdict = quotaVerdict("VPCs", quota.value, used, need, quota.source);
    if (verdict.ok) return { ok: true, detail: verdict.detail };
    return {
      ok: false,
      detail: verdict.detail,
      fix: `Delete an unused VPC, ask for more in Service Quotas (Amazon VPC, "VPCs per Region"), or deploy into an existing VPC (bavest-signals configure --stack ${context.stack} --vpc-id <id> ...)`,
    };
  },
};
