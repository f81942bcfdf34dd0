import type { Thresholds } from "./signal.js";

/**
 * The environment variables of the ingestion function (docs/contracts.md section 5): the stack and the
 * local host write them, the function's settings read them, all by these names. Pure data, so
 * the Lambda bundles can import it without pulling in Pulumi.
 */
export const INGESTION_ENV = {
  streamName: "KINESIS_STREAM_NAME",
  /** A local Kinesis server (`dev`); unset in AWS. */
  kinesisEndpoint: "KINESIS_ENDPOINT",
  apiUrl: "BAVEST_API_URL",
  apiKey: "BAVEST_API_KEY",
  apiKeySecretArn: "BAVEST_API_KEY_SECRET_ARN",
  symbols: "SYMBOLS",
  requestsPerSecond: "BAVEST_REQUESTS_PER_SECOND",
  concurrency: "BAVEST_CONCURRENCY",
  timeoutMs: "BAVEST_TIMEOUT_MS",
  /** `v0` (the default) or `v2`: which Bavest API the function speaks. */
  apiVersion: "BAVEST_API_VERSION",
  /** The ISO 4217 currency quotes are asked in. */
  currency: "BAVEST_CURRENCY",
  maxAttempts: "BAVEST_MAX_ATTEMPTS",
  putMaxAttempts: "KINESIS_PUT_MAX_ATTEMPTS",
} as const;

/** The environment variables of the processing function (docs/contracts.md section 5). */
export const PROCESSING_ENV = {
  redisHost: "REDIS_HOST",
  redisPort: "REDIS_PORT",
  redisTls: "REDIS_TLS",
  /** `iam` in AWS; unset for a local or self-run Redis. */
  redisAuth: "REDIS_AUTH",
  /** The password of REDIS_USER, or of Redis's `default` user when REDIS_USER is unset. */
  redisAuthToken: "REDIS_AUTH_TOKEN",
  /** The ACL user: the IAM-enabled ElastiCache user in AWS, the user of `dev --redis-url redis://user:secret@...`. */
  redisUser: "REDIS_USER",
  redisCacheName: "REDIS_CACHE_NAME",
  redisConnectTimeoutMs: "REDIS_CONNECT_TIMEOUT_MS",
  redisCommandTimeoutMs: "REDIS_COMMAND_TIMEOUT_MS",
  keyPrefix: "REDIS_KEY_PREFIX",
  historyRetentionSeconds: "HISTORY_RETENTION_SECONDS",
  rejectedCap: "REJECTED_CAP",
} as const;

/** Environment variable for each P/E threshold of the processing function (value: a P/E). */
export const THRESHOLD_ENV: Readonly<Record<keyof Thresholds, string>> = {
  undervaluedBelow: "PE_UNDERVALUED_BELOW",
  fairValueBelow: "PE_FAIR_VALUE_BELOW",
  growthBelow: "PE_GROWTH_BELOW",
  expensiveBelow: "PE_EXPENSIVE_BELOW",
  buyBelow: "PE_BUY_BELOW",
  holdBelow: "PE_HOLD_BELOW",
};
