import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { freeLoopbackPort } from "../../lib/ports.js";
import { createLocalKinesisClient } from "./kinesisClient.js";
import { createGuardedKinesalite, type StoreWriteListener } from "./kinesisStore.js";

/** A Kinesis API server on 127.0.0.1 (in memory, or kept in a folder), with one stream ACTIVE. */
export interface LocalKinesis {
  endpoint: string;
  port: number;
  streamName: string;
  shardIds: string[];
  client: KinesisClient;
  /** True when the stream was already in the folder (a restart): its records are still there. */
  resumed: boolean;
  stop(): Promise<void>;
}

const ACTIVE_TIMEOUT_MS = 10_000;

/** Starts kinesalite bound to loopback only (its own CLI would bind every interface). */
export async function startLocalKinesis(options: {
  streamName: string;
  shards: number;
  /** Keep the stream in this folder (LevelDB through leveldown), so it survives a restart. */
  path?: string;
  /** Listen on this port (a restart after a crash keeps the endpoint). */
  port?: number;
  /** After each write to the store: a write it refused (a full disk) is answered with a 500. */
  onStoreWrite?: StoreWriteListener;
  /** Why the store should not try a write now (see createGuardedKinesalite). */
  refuseWrites?: () => string | null;
}): Promise<LocalKinesis> {
  const server = createGuardedKinesalite(
    {
      createStreamMs: 0,
      deleteStreamMs: 0,
      updateStreamMs: 0,
      shardLimit: 1000,
      ...(options.path ? { path: options.path } : {}),
    },
    options.onStoreWrite ?? (() => {}),
    options.refuseWrites,
  );
  const port = options.port ?? (await freeLoopbackPort());
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
    const existing = await existingShards(client, options.streamName);
    const shardIds = existing ?? (await createActiveStream(client, options.streamName, options.shards));
    return {
      endpoint,
      port,
      streamName: options.streamName,
      shardIds,
      client,
      resumed: existing !== null,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The shards of the stream when it already exists (kept in the folder), else null. */
async function existingShards(client: KinesisClient, streamName: string): Promise<string[] | null> {
  const { DescribeStreamCommand } = await import("@aws-sdk/client-kinesis");
  try {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamName: streamName }));
    return (StreamDescription?.Shards ?? []).map((shard) => shard.ShardId ?? "");
  } catch (error) {
    if ((error as { name?: string }).name === "ResourceNotFoundException") return null;
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
