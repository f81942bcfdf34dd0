import { GetRegionOptStatusCommand } from "@aws-sdk/client-account";
import { isAccessDenied } from "../awsErrors.js";
import type { PreflightCheck } from "../types.js";

/** Statuses in which a region takes new resources. */
const USABLE = new Set(["ENABLED", "ENABLED_BY_DEFAULT"]);

/**
 * The region is enabled for the account (opt-in regions are off until enabled). The Account
 * API may be closed to member accounts of an organization: then the check is skipped, saying so.
 * https://docs.aws.amazon.com/accounts/latest/reference/API_GetRegionOptStatus.html
 */
export const regionEnabledCheck: PreflightCheck = {
  id: "region-enabled",
  actions: ["account:GetRegionOptStatus"],
  doc: "https://docs.aws.amazon.com/accounts/latest/reference/API_GetRegionOptStatus.html",
  async run({ aws, config }) {
    const region = config.region;
    try {
      const answer = await aws.account.send(new GetRegionOptStatusCommand({ RegionName: region }));
      const status = answer.RegionOptStatus ?? "unknown";
      if (USABLE.has(status)) return { ok: true, detail: `${region} is ${status}` };
      return {
        ok: false,
        detail: `${region} is ${status} for this account`,
        fix:
          status === "ENABLING"
            ? "Wait until the region is enabled (minutes to hours), then run preflight again."
            : `Enable it: aws account enable-region --region-name ${region} (or choose another: bavest-signals configure --region <region>)`,
      };
    } catch (error) {
      if (!isAccessDenied(error)) throw error;
      return {
        ok: true,
        detail: `skipped: account:GetRegionOptStatus is not allowed for this principal, so whether ${region} is enabled was not asked`,
      };
    }
  },
};
