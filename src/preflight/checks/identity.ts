import type { PreflightCheck } from "../types.js";

/**
 * Who deploys: `sts:GetCallerIdentity` needs no permission (an explicit deny cannot block it),
 * so a failure here means no usable credentials at all.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
 */
export const identityCheck: PreflightCheck = {
  id: "identity",
  actions: ["sts:GetCallerIdentity"],
  doc: "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html",
  async run(context) {
    const identity = await context.callerIdentity();
    return {
      ok: true,
      detail: `account ${identity.account} as ${identity.arn}, region ${context.config.region}`,
    };
  },
};
