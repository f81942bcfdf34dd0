/** Time as a sender sees it; the same shape as the replay's Clock, so one fake serves both. */
export interface PacingClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** What Kinesis accepts per shard for writes. */
export const SHARD_WRITE_LIMITS = { recordsPerSecond: 1000, bytesPerSecond: 1024 * 1024 } as const;

export interface ShardPacer {
  /** Waits until sending `records` records of `bytes` bytes in total stays within the limits. */
  beforeSend(records: number, bytes: number): Promise<void>;
}

/**
 * Paces writes to `shards` shards' worth of capacity on both limits at once: each send is
 * scheduled at `start + max(records sent / record rate, bytes sent / byte rate)`. A sender
 * far behind its schedule restarts it rather than bursting to catch up. Partition keys
 * rarely spread perfectly, so a shard can still throttle: retry those entries with
 * throttleBackoffMs.
 */
export function createShardPacer(
  shards: number,
  clock: PacingClock,
  limits = SHARD_WRITE_LIMITS,
): ShardPacer {
  if (!Number.isInteger(shards) || shards < 1)
    throw new RangeError(`shards must be a whole number >= 1 (got ${shards})`);
  const recordRate = limits.recordsPerSecond * shards;
  const byteRate = limits.bytesPerSecond * shards;
  let start: number | undefined;
  let records = 0;
  let bytes = 0;
  return {
    async beforeSend(batchRecords, batchBytes) {
      const now = clock.now();
      start ??= now;
      const due = start + Math.max(records / recordRate, bytes / byteRate) * 1000;
      if (now - due > 1000) {
        start = now;
        records = batchRecords;
        bytes = batchBytes;
        return;
      }
      records += batchRecords;
      bytes += batchBytes;
      if (due > now) await clock.sleep(due - now);
    },
  };
}

/**
 * The wait before retrying throttled entries (ProvisionedThroughputExceededException):
 * exponential from 100 ms, capped at 5 s, with full jitter so retries from many senders
 * do not line up.
 */
export function throttleBackoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(5000, 100 * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

/** The stream's open shards, from DescribeStreamSummary (the AWS SDK loads only here). */
export async function describeShardCount(streamName: string, region: string | undefined): Promise<number> {
  const { KinesisClient, DescribeStreamSummaryCommand } = await import("@aws-sdk/client-kinesis");
  const client = new KinesisClient({ region });
  try {
    const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
    return Math.max(1, summary.StreamDescriptionSummary?.OpenShardCount ?? 1);
  } finally {
    client.destroy();
  }
}
