import type { KinesisClient } from "@aws-sdk/client-kinesis";

/** Credentials the local Kinesis server accepts without checking (it never verifies signatures). */
export const LOCAL_AWS_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" } as const;
export const LOCAL_REGION = "us-east-1";

/**
 * A Kinesis client for a local Kinesis server: the project's one client factory
 * (src/kinesis/kinesisClient.ts: HTTP/1.1, timeouts) with the placeholder credentials, loaded on
 * demand so that `--help` stays fast.
 */
export async function createLocalKinesisClient(
  endpoint: string,
  region = LOCAL_REGION,
): Promise<KinesisClient> {
  // The SDK's Node 20 end-of-support notice says nothing about a local run; keep stderr readable.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const { createKinesisClient } = await import("../../kinesis/kinesisClient.js");
  // An empty environment: a local server never checks credentials, so the user's are not sent.
  return createKinesisClient({
    endpoint,
    region,
    env: {},
    connectionTimeoutMs: 2_000,
    requestTimeoutMs: 10_000,
    maxAttempts: 3,
  });
}
