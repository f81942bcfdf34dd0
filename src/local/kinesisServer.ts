import type { Server } from "node:http";
import { createRequire } from "node:module";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { createLocalKinesisClient } from "./kinesisClient.js";
import { freeLoopbackPort } from "./ports.js";

const require = createRequire(import.meta.url);

/** A Kinesis API server in memory on 127.0.0.1, with one stream created and ACTIVE. */
export interface LocalKinesis {
  endpoint: string;
  port: number;
  streamName: string;
  shardIds: string[];
  client: KinesisClient;
  stop(): Promise<void>;
}

const ACTIVE_TIMEOUT_MS = 10_000;

/** Starts kinesalite bound to loopback only (its own CLI would bind every interface). */
export async function startLocalKinesis(options: {
  streamName: string;
  shards: number;
}): Promise<LocalKinesis> {
  const kinesalite = require("kinesalite") as (options: Record<string, unknown>) => Server;
  const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 1000 });
  const port = await freeLoopbackPort();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = await createLocalKinesisClient(endpoint);
  const stop = async () => {
    client.destroy();
    server.closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  try {
    const shardIds = await createActiveStream(client, options.streamName, options.shards);
    return { endpoint, port, streamName: options.streamName, shardIds, client, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function createActiveStream(
  client: KinesisClient,
  streamName: string,
  shards: number,
): Promise<string[]> {
  const { CreateStreamCommand, DescribeStreamCommand } = await import("@aws-sdk/client-kinesis");
  await client.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: shards }));
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (;;) {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamName: streamName }));
    if (StreamDescription?.StreamStatus === "ACTIVE") {
      return (StreamDescription.Shards ?? []).map((shard) => shard.ShardId ?? "");
    }
    if (Date.now() > deadline) throw new Error(`stream ${streamName} did not become ACTIVE`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
