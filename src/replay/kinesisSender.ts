import type { BatchSender } from "./send.js";
import type { ReplayTarget } from "./target.js";

export interface KinesisBatchSender {
  send: BatchSender;
  close(): void;
}

export interface KinesisSenderOptions {
  env: NodeJS.ProcessEnv;
  /** PutRecords attempts per record before it counts as not acknowledged (default 5). */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
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
  const { createKinesisClient, putRecordsWithRetry } = await import("../core/kinesisClient.js");
  const client = createKinesisClient({ region: target.region, endpoint: target.endpoint, env: options.env });
  const retry = {
    maxAttempts: options.maxAttempts ?? 5,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  };
  return {
    async send(batch) {
      const outcome = await putRecordsWithRetry(client, target.streamName, batch, retry);
      if (outcome.failed.length === 0) return { acknowledged: batch.map(() => true) };
      const acknowledged = new Set(outcome.acknowledged.map((ack) => ack.entry));
      const first = outcome.failed[0];
      return {
        acknowledged: batch.map((entry) => acknowledged.has(entry)),
        error: first ? `${first.errorCode}: ${first.errorMessage}` : "some records were not acknowledged",
      };
    },
    close: () => client.destroy(),
  };
}
