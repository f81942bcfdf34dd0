import { planForConfig } from "../core/ingestionModel.js";
import { INGESTION_ENV, PROCESSING_ENV, THRESHOLD_ENV } from "../core/lambdaEnvNames.js";
import type { StackConfig } from "./config.js";

const SECONDS_PER_DAY = 86_400;

/**
 * The ingestion function's environment (docs/contracts.md section 5). It receives the ARN of the API
 * key's secret, never the key itself, and no watchlist: each schedule target passes its slice
 * as the event. BAVEST_REQUESTS_PER_SECOND is one invocation's share of the plan's rate; the
 * API version, the currency and the per-request timeout come from the stack's settings.
 */
export function ingestionEnvironment<T>(
  config: StackConfig,
  refs: { streamName: T; apiKeySecretArn: T },
): Record<string, string | T> {
  return {
    [INGESTION_ENV.streamName]: refs.streamName,
    [INGESTION_ENV.apiUrl]: config.apiUrl,
    [INGESTION_ENV.apiKeySecretArn]: refs.apiKeySecretArn,
    [INGESTION_ENV.requestsPerSecond]: String(Math.round(planForConfig(config).rateShare * 1000) / 1000),
    [INGESTION_ENV.apiVersion]: config.ingestion.apiVersion,
    [INGESTION_ENV.currency]: config.ingestion.currency,
    [INGESTION_ENV.timeoutMs]: String(config.ingestion.requestTimeoutSeconds * 1000),
    NODE_OPTIONS: "--enable-source-maps",
  };
}

/**
 * The processing function's environment (docs/contracts.md section 5): Redis over TLS, the IAM-enabled
 * user and the cache it signs its short-lived tokens for (no secret: the function's own role
 * signs them), the key prefix, history retention, rejected-list cap and P/E thresholds.
 */
export function processingEnvironment<T>(
  config: StackConfig,
  refs: { redisHost: T; redisPort: T; redisUser: T; cacheName: T },
): Record<string, string | T> {
  const thresholds = Object.fromEntries(
    Object.entries(THRESHOLD_ENV).map(([field, variable]) => [
      variable,
      String(config.thresholds[field as keyof typeof THRESHOLD_ENV]),
    ]),
  );
  return {
    [PROCESSING_ENV.redisHost]: refs.redisHost,
    [PROCESSING_ENV.redisPort]: refs.redisPort,
    [PROCESSING_ENV.redisTls]: "true",
    [PROCESSING_ENV.redisAuth]: "iam",
    [PROCESSING_ENV.redisUser]: refs.redisUser,
    [PROCESSING_ENV.redisCacheName]: refs.cacheName,
    [PROCESSING_ENV.keyPrefix]: config.storage.keyPrefix,
    [PROCESSING_ENV.historyRetentionSeconds]: String(config.storage.historyRetentionDays * SECONDS_PER_DAY),
    [PROCESSING_ENV.rejectedCap]: String(config.storage.rejectedCap),
    ...thresholds,
    NODE_OPTIONS: "--enable-source-maps",
  };
}
