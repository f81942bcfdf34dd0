/**
 * Per-shard write limits: 1,000 records/s and 1 MiB/s
 * (https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html).
 * A new on-demand stream takes 4 MiB/s and 4,000 records/s of writes before it scales
 * (https://docs.aws.amazon.com/streams/latest/dev/how-do-i-size-a-stream.html).
 */
export const SHARD_RECORDS_PER_SECOND = 1_000;
export const SHARD_BYTES_PER_SECOND = 1024 ** 2;
export const ON_DEMAND_INITIAL_SHARDS = 4;
/** An envelope with a full Bavest quote is about 1 KiB on the stream. */
export const RECORD_BYTES = 1_024;

/** Shards a run needs when its records arrive spread over `secondsPerRun`. */
export function shardsNeeded(records: number, secondsPerRun: number): number {
  const seconds = Math.max(1, secondsPerRun);
  const recordsPerSecond = records / seconds;
  const bytesPerSecond = (records * RECORD_BYTES) / seconds;
  return Math.max(
    1,
    Math.ceil(recordsPerSecond / SHARD_RECORDS_PER_SECOND),
    Math.ceil(bytesPerSecond / SHARD_BYTES_PER_SECOND),
  );
}
