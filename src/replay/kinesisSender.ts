import type { ReplayTarget } from "../targets/streamTarget.js";
import type { BatchSender } from "./send.js";
import type { ReplayEntry } from "./validate.js";

export interface KinesisBatchSender {
  send: BatchSender;
  close(): void;
}

export interface KinesisSenderOptions {
  env: NodeJS.ProcessEnv;
  /** PutRecords attempts per record before it counts as not acknowledged (default 5). */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Per PutRecords call; defaults in src/kinesis/kinesisClient.ts. */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/**
 * Sends replay batches to the target's stream with the shared PutRecords retry: failed
 * entries only are sent again with backoff, and a batch reports exactly which entries
 * Kinesis acknowledged. The SDK loads here, not when the command module is imported.
 */
export async function createKinesisBatchSender(
  target: ReplayTarget,
  options: KinesisSenderOptions,
): Promise<KinesisBatchSender> {
  const { createKinesisClient, putRecordsWithRetry } = await import("../kinesis/kinesisClient.js");
  // putRecordsWithRetry does the retrying (bounded, backoff): the SDK's own retries would multiply it.
  const client = createKinesisClient({
    region: target.region,
    endpoint: target.endpoint,
    env: options.env,
    maxAttempts: 1,
    ...(options.connectionTimeoutMs ? { connectionTimeoutMs: options.connectionTimeoutMs } : {}),
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
  });
  const retry = {
    maxAttempts: options.maxAttempts ?? 5,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  };
  // A deployed stream throttles past 1,000 records/s or 1 MiB/s per shard: stay under it.
  const pacer = target.shards ? await shardPacer(target.shards, options.sleep) : undefined;
  return {
    async send(batch) {
      await pacer?.beforeSend(batch.length, batchBytes(batch));
      const outcome = await putRecordsWithRetry(client, target.streamName, batch, retry);
      const sequenceOf = new Map(outcome.acknowledged.map((ack) => [ack.entry, ack.sequenceNumber]));
      const sequenceNumbers = batch.map((entry) => sequenceOf.get(entry));
      if (outcome.failed.length === 0) return { acknowledged: batch.map(() => true), sequenceNumbers };
      const first = outcome.failed[0];
      return {
        sequenceNumbers,
        acknowledged: batch.map((entry) => sequenceOf.has(entry)),
        error: first ? `${first.errorCode}: ${first.errorMessage}` : "some records were not acknowledged",
      };
    },
    close: () => client.destroy(),
  };
}

function batchBytes(batch: ReplayEntry[]): number {
  return batch.reduce((sum, entry) => sum + entry.Data.byteLength + Buffer.byteLength(entry.PartitionKey), 0);
}

async function shardPacer(shards: number, sleep?: (ms: number) => Promise<void>) {
  const { createShardPacer } = await import("../cloud/pacing.js");
  const clock = {
    now: () => Date.now(),
    sleep: sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
  };
  return createShardPacer(shards, clock);
}
