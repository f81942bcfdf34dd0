import { GetServiceQuotaCommand } from "@aws-sdk/client-service-quotas";
import type { AwsClients } from "./awsClients.js";
import { isAccessDenied, isFault } from "./awsErrors.js";

/** A quota as the account has it, or AWS's documented default when it cannot be asked. */
export interface QuotaValue {
  value: number;
  source: string;
}

/**
 * `servicequotas:GetServiceQuota` for one quota code; the documented default when the principal
 * may not ask or the quota has no applied value in this region.
 * https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_GetServiceQuota.html
 */
export async function serviceQuota(
  aws: Pick<AwsClients, "quotas">,
  quota: { service: string; code: string; defaultValue: number },
): Promise<QuotaValue> {
  try {
    const answer = await aws.quotas.send(
      new GetServiceQuotaCommand({ ServiceCode: quota.service, QuotaCode: quota.code }),
    );
    const value = answer.Quota?.Value;
    if (typeof value === "number") return { value, source: `quota ${quota.code}` };
  } catch (error) {
    if (!isAccessDenied(error) && !isFault(error, "NoSuchResourceException")) throw error;
    return { value: quota.defaultValue, source: `AWS's default, quota ${quota.code} not readable` };
  }
  return { value: quota.defaultValue, source: `AWS's default for ${quota.code}` };
}
