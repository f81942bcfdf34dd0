import { GetAccountSettingsCommand } from "@aws-sdk/client-lambda";
import { concurrencyNeeded } from "../programNeeds.js";
import type { PreflightCheck } from "../types.js";

/**
 * Lambda concurrent executions: GetAccountSettings answers the account's limit and how much of
 * it is unreserved (new accounts may start far below the documented 1,000).
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetAccountSettings.html
 */
export const lambdaConcurrencyCheck: PreflightCheck = {
  id: "quota-lambda-concurrency",
  actions: ["lambda:GetAccountSettings"],
  doc: "https://docs.aws.amazon.com/lambda/latest/api/API_GetAccountSettings.html",
  async run(context) {
    const settings = await context.aws.lambda.send(new GetAccountSettingsCommand({}));
    const limit = settings.AccountLimit?.ConcurrentExecutions ?? 0;
    const unreserved = settings.AccountLimit?.UnreservedConcurrentExecutions ?? limit;
    const need = concurrencyNeeded(context.resources);
    const remaining = unreserved - need;
    const detail = `concurrent executions: ${unreserved} unreserved of ${limit}; this stack may run ${need} at once (shards x parallelization factor, plus one ingestion run); ${Math.max(remaining, 0)} remain`;
    if (remaining >= 0) return { ok: true, detail };
    return {
      ok: false,
      detail,
      fix: `Ask for more in Service Quotas (AWS Lambda, "Concurrent executions"), or lower the parallelization: bavest-signals configure --stack ${context.stack} --parallelization-factor 1`,
    };
  },
};
