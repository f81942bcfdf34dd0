import { planForConfig } from "../core/ingestionModel.js";
import { THRESHOLD_VARIABLES } from "../lambdas/processing/settings.js";
import type { StackConfig } from "./config.js";

const SECONDS_PER_DAY = 86_400;

/**
 * The ingestion function's environment (CONTRACTS section 5). It receives the ARN of the API
 * key's secret, never the key itself, and no watchlist: each schedule target passes its slice
 * as the event. BAVEST_REQUESTS_PER_SECOND is one invocation's share of the plan's rate.
 */
export function ingestionEnvironment<T>(
  config: StackConfig,
  refs: { streamName: T; apiKeySecretArn: T },
): Record<string, string | T> {
  return {
    KINESIS_STREAM_NAME: refs.streamName,
    BAVEST_API_URL: config.apiUrl,
    BAVEST_API_KEY_SECRET_ARN: refs.apiKeySecretArn,
    BAVEST_REQUESTS_PER_SECOND: String(Math.round(planForConfig(config).rateShare * 1000) / 1000),
    NODE_OPTIONS: "--enable-source-maps",
  };
}

/**
 * The processing function's environment (CONTRACTS section 5): Redis over TLS, the IAM-enabled
 * user and the cache it signs its short-lived tokens for (no secret: the function's own role
 * signs them), the key prefix, history retention, rejected-list cap and P/E thresholds.
 */
export function processingEnvironment<T>(
  config: StackConfig,
  refs: { redisHost: T; redisPort: T; redisUser: T; cacheName: T },
): Record<string, string | T> {
  const thresholds = Object.fromEntries(
    Object.entries(THRESHOLD_VARIABLES).map(([field, variable]) => [
      variable,
      String(config.thresholds[field as keyof typeof THRESHOLD_VARIABLES]),
    ]),
  );
  return {
    REDIS_HOST: refs.redisHost,
    REDIS_PORT: refs.redisPort,
    REDIS_TLS: "true",
    REDIS_AUTH: "iam",
    REDIS_USER: refs.redisUser,
    REDIS_CACHE_NAME: refs.cacheName,
    REDIS_KEY_PREFIX: config.storage.keyPrefix,
    HISTORY_RETENTION_SECONDS: String(config.storage.historyRetentionDays * SECONDS_PER_DAY),
    REJECTED_CAP: String(config.storage.rejectedCap),
    ...thresholds,
    NODE_OPTIONS: "--enable-source-maps",
  };
}
