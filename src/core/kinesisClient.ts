import { KinesisClient, type KinesisClientConfig } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";

export type { PutEntry, PutRecordsClient, PutRecordsOutcome, PutRecordsRetryOptions } from "./putRecords.js";
export { planPutRecordsBatches, putRecordsWithRetry } from "./putRecords.js";

export interface KinesisClientOptions {
  region?: string;
  /** A local Kinesis server such as kinesalite (`http://127.0.0.1:4567`). */
  endpoint?: string;
  /** Where to look for configured credentials (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

function hasConfiguredCredentials(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE);
}

/**
 * A Kinesis client for AWS or for a local server. Local servers speak HTTP/1.1 only (the SDK's
 * default HTTP/2 handler fails with a protocol error) and do not check signatures, so a local
 * endpoint gets the HTTP/1.1 handler and, when nothing is configured, placeholder credentials.
 */
export function createKinesisClient(options: KinesisClientOptions = {}): KinesisClient {
  const env = options.env ?? process.env;
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!options.endpoint) return new KinesisClient(region ? { region } : {});
  const config: KinesisClientConfig = {
    region: region ?? "us-east-1",
    endpoint: options.endpoint,
    requestHandler: new NodeHttpHandler(),
  };
  if (!hasConfiguredCredentials(env)) config.credentials = { accessKeyId: "local", secretAccessKey: "local" };
  return new KinesisClient(config);
}
