import type { KinesisClient } from "@aws-sdk/client-kinesis";

/** Credentials the local Kinesis server accepts without checking (it never verifies signatures). */
export const LOCAL_AWS_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" } as const;
export const LOCAL_REGION = "us-east-1";

/**
 * A Kinesis client for a local Kinesis server. Local servers speak HTTP/1.1 only, so the
 * SDK's default HTTP/2 handler is replaced; the SDK is loaded on demand to keep `--help` fast.
 */
export async function createLocalKinesisClient(
  endpoint: string,
  region = LOCAL_REGION,
): Promise<KinesisClient> {
  // The SDK's Node 20 end-of-support notice says nothing about a local run; keep stderr readable.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const [{ KinesisClient: Client }, { NodeHttpHandler }] = await Promise.all([
    import("@aws-sdk/client-kinesis"),
    import("@smithy/node-http-handler"),
  ]);
  return new Client({
    endpoint,
    region,
    credentials: LOCAL_AWS_CREDENTIALS,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 2_000, requestTimeout: 10_000 }),
    maxAttempts: 3,
  });
}
