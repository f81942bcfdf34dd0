import { KinesisClient, type KinesisClientConfig } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";

export type { PutEntry, PutRecordsClient, PutRecordsOutcome, PutRecordsRetryOptions } from "./putRecords.js";
export { planPutRecordsBatches, putRecordsWithRetry } from "./putRecords.js";

/** How long a TCP connection to Kinesis may take to open before the call fails. */
export const KINESIS_CONNECTION_TIMEOUT_MS = 3_000;
/**
 * How long one call (request and response) may take before it fails. A PutRecords call of 5 MiB
 * fits comfortably; an endpoint that accepts connections but never answers fails instead of hanging.
 */
export const KINESIS_REQUEST_TIMEOUT_MS = 15_000;

export interface KinesisClientOptions {
  region?: string;
  /** A local Kinesis server such as kinesalite (`http://127.0.0.1:4567`). */
  endpoint?: string;
  /** Where to look for configured credentials (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Default KINESIS_CONNECTION_TIMEOUT_MS. */
  connectionTimeoutMs?: number;
  /** Default KINESIS_REQUEST_TIMEOUT_MS. */
  requestTimeoutMs?: number;
  /**
   * Attempts per call made by the SDK itself (default: the SDK's, 3). Callers that retry on their
   * own, such as `putRecordsWithRetry`, can pass 1 so that retries do not multiply.
   */
  maxAttempts?: number;
}

function hasConfiguredCredentials(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE);
}

/**
 * A Kinesis client for AWS or for a local server, with connection and request timeouts so that
 * an unreachable or silent endpoint fails a call instead of hanging it. Local servers speak
 * HTTP/1.1 only (the SDK's default HTTP/2 handler fails with a protocol error) and do not check
 * signatures, so a local endpoint gets the HTTP/1.1 handler and, when nothing is configured,
 * placeholder credentials.
 */
export function createKinesisClient(options: KinesisClientOptions = {}): KinesisClient {
  const env = options.env ?? process.env;
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const connectionTimeout = options.connectionTimeoutMs ?? KINESIS_CONNECTION_TIMEOUT_MS;
  const requestTimeout = options.requestTimeoutMs ?? KINESIS_REQUEST_TIMEOUT_MS;
  const attempts = options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts };
  if (!options.endpoint) {
    // The SDK builds its default HTTP/2 handler from these options (it keeps one stream per session).
    return new KinesisClient({
      ...(region ? { region } : {}),
      ...attempts,
      requestHandler: {
        requestTimeout,
        disableConcurrentStreams: true,
      } as KinesisClientConfig["requestHandler"],
    });
  }
  const config: KinesisClientConfig = {
    region: region ?? "us-east-1",
    endpoint: options.endpoint,
    ...attempts,
    // Without throwOnRequestTimeout a request over its time is only logged, and keeps waiting.
    requestHandler: new NodeHttpHandler({ connectionTimeout, requestTimeout, throwOnRequestTimeout: true }),
  };
  if (!hasConfiguredCredentials(env)) config.credentials = { accessKeyId: "local", secretAccessKey: "local" };
  return new KinesisClient(config);
}
