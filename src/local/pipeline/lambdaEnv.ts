import { INGESTION_ENV, PROCESSING_ENV } from "../../core/lambdaEnvNames.js";
import { UsageError } from "../../lib/errors.js";
import { LOCAL_AWS_CREDENTIALS } from "../servers/kinesisClient.js";

/** Where the processing function finds Redis, parsed from a redis:// or rediss:// URL. */
export interface RedisTarget {
  host: string;
  port: number;
  /** `rediss://`: TLS, the server's certificate checked for `host`. */
  tls: boolean;
  /** The ACL user of `redis://user:secret@host`; without one, Redis's `default` user. */
  username?: string;
  password?: string;
}

/** Parses `--redis-url`; the error names the flag and shows the expected form. */
export function parseRedisUrl(text: string): RedisTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    url = new URL("invalid:");
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    throw new UsageError(`--redis-url "${text}" is not a redis:// or rediss:// URL.`, {
      hint: "For example: bavest-signals dev --redis-url redis://127.0.0.1:6379",
    });
  }
  const username = url.username ? decodeURIComponent(url.username) : undefined;
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  if (username && !password) {
    throw new UsageError(`--redis-url "${text}" names the user "${username}" but no password.`, {
      hint: `Give both: bavest-signals dev --redis-url redis://${url.username}:PASSWORD@${url.host}`,
    });
  }
  return {
    host: url.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1",
    port: url.port ? Number(url.port) : 6379,
    tls: url.protocol === "rediss:",
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
  };
}

/**
 * What every function sees, like the Lambda runtime's own variables. Deliberately not the
 * user's environment: an AWS profile or secret ARN there must not send a local run to AWS.
 */
function runtimeEnv(functionName: string, region: string, parent: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: LOCAL_AWS_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_AWS_CREDENTIALS.secretAccessKey,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "256",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    TZ: "UTC",
  };
  for (const name of ["PATH", "HOME", "LOG_LEVEL", "POWERTOOLS_LOG_LEVEL", "NODE_EXTRA_CA_CERTS"]) {
    const value = parent[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

export function processingEnv(options: {
  functionName: string;
  region: string;
  redis: RedisTarget;
  keyPrefix: string;
  parent: NodeJS.ProcessEnv;
}): Record<string, string> {
  return {
    ...runtimeEnv(options.functionName, options.region, options.parent),
    [PROCESSING_ENV.redisHost]: options.redis.host,
    [PROCESSING_ENV.redisPort]: String(options.redis.port),
    [PROCESSING_ENV.redisTls]: String(options.redis.tls),
    ...(options.redis.username ? { [PROCESSING_ENV.redisUser]: options.redis.username } : {}),
    ...(options.redis.password ? { [PROCESSING_ENV.redisAuthToken]: options.redis.password } : {}),
    [PROCESSING_ENV.keyPrefix]: options.keyPrefix,
  };
}

export function ingestionEnv(options: {
  functionName: string;
  region: string;
  streamName: string;
  kinesisEndpoint: string;
  apiUrl: string;
  apiKey: string;
  symbols: readonly string[];
  requestsPerSecond?: number;
  parent: NodeJS.ProcessEnv;
}): Record<string, string> {
  return {
    ...runtimeEnv(options.functionName, options.region, options.parent),
    [INGESTION_ENV.streamName]: options.streamName,
    [INGESTION_ENV.kinesisEndpoint]: options.kinesisEndpoint,
    [INGESTION_ENV.apiUrl]: options.apiUrl,
    [INGESTION_ENV.apiKey]: options.apiKey,
    [INGESTION_ENV.symbols]: options.symbols.join(","),
    ...(options.requestsPerSecond
      ? { [INGESTION_ENV.requestsPerSecond]: String(options.requestsPerSecond) }
      : {}),
  };
}
