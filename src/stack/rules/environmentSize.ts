import type { StackConfig } from "../config.js";
import { ingestionEnvironment, processingEnvironment } from "../lambdaEnvironment.js";

/**
 * "The total size of all environment variables doesn't exceed 4 KB" (Lambda quotas,
 * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html): counted as the
 * bytes of every name and value, which is how 500 eight-character symbols in one variable came to
 * 4,717 bytes (the watchlist now travels in the schedule's inputs instead).
 */
export const LAMBDA_ENVIRONMENT_LIMIT_BYTES = 4096;

/** The size Lambda counts for one function's environment. */
export function environmentBytes(variables: Record<string, string>): number {
  return Object.entries(variables).reduce(
    (total, [name, value]) => total + Buffer.byteLength(name) + Buffer.byteLength(value),
    0,
  );
}

/**
 * Stand-ins for the values only AWS knows, as long as the real ones: Pulumi's auto-name adds
 * "-" and 7 characters to the logical name; a secret ARN ends in "-" and 6 characters.
 */
function placeholders(config: StackConfig) {
  const account = "123456789012";
  return {
    streamName: "quotes-stream-0000000",
    apiKeySecretArn: `arn:aws:secretsmanager:${config.region}:${account}:secret:bavest-api-key-secret-0000000-AbCdEf`,
    redisHost: `master.signals-redis-0000000.abcdef.${config.region}.cache.amazonaws.com`,
    redisPort: "6379",
    redisUser: "bavest-signals-0000000000000000000000000",
    cacheName: "signals-redis-0000000",
  };
}

/** Both functions' environments as the program would build them from this config. */
export function estimatedEnvironments(config: StackConfig): { ingestion: number; processing: number } {
  const refs = placeholders(config);
  return {
    ingestion: environmentBytes(ingestionEnvironment<string>(config, refs) as Record<string, string>),
    processing: environmentBytes(processingEnvironment<string>(config, refs) as Record<string, string>),
  };
}
