import { UsageError } from "../../lib/errors.js";
import { LOCAL_AWS_CREDENTIALS } from "../servers/kinesisClient.js";

/** Where the processing function finds Redis, parsed from a redis:// or rediss:// URL. */
export interface RedisTarget {
  host: string;
  port: number;
  tls: boolean;
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
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  return {
    host: url.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1",
    port: url.port ? Number(url.port) : 6379,
    tls: url.protocol === "rediss:",
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
    REDIS_HOST: options.redis.host,
    REDIS_PORT: String(options.redis.port),
    REDIS_TLS: String(options.redis.tls),
    ...(options.redis.password ? { REDIS_AUTH_TOKEN: options.redis.password } : {}),
    REDIS_KEY_PREFIX: options.keyPrefix,
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
    KINESIS_STREAM_NAME: options.streamName,
    KINESIS_ENDPOINT: options.kinesisEndpoint,
    BAVEST_API_URL: options.apiUrl,
    BAVEST_API_KEY: options.apiKey,
    SYMBOLS: options.symbols.join(","),
    ...(options.requestsPerSecond ? { BAVEST_REQUESTS_PER_SECOND: String(options.requestsPerSecond) } : {}),
  };
}

/** The event EventBridge sends a scheduled function. */
export function scheduledEvent(region: string, ruleName: string, now: Date): Record<string, unknown> {
  return {
    version: "0",
    id: crypto.randomUUID(),
    "detail-type": "Scheduled Event",
    source: "aws.events",
    account: "000000000000",
    time: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    region,
    resources: [`arn:aws:events:${region}:000000000000:rule/${ruleName}`],
    detail: {},
  };
}
