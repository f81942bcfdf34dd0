import type { KinesisClient } from "@aws-sdk/client-kinesis";

/** Records on the stream after the checkpoints: what the trigger has not done with yet. */
export interface Backlog {
  records: number;
  /** Arrival time (epoch ms) of the oldest waiting record, or null when none waits. */
  oldestArrivalMs: number | null;
  /** Arrival times of the waiting records, for counting what came in over a window. */
  arrivals: number[];
  /** True when counting stopped at the cap: there are at least `records`. */
  capped: boolean;
}

const PAGE = 10_000;

/**
 * Counts the records after each shard's checkpoint (from TRIM_HORIZON without one) by reading
 * the stream itself, up to `cap` records in all. For the local pipeline only: it reads what it
 * counts, which is cheap on a laptop's stream and would cost reads on a real one.
 */
export async function countBacklog(
  client: KinesisClient,
  streamName: string,
  checkpoints: Readonly<Record<string, string>>,
  cap = 100_000,
): Promise<Backlog> {
  const { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand } = await import(
    "@aws-sdk/client-kinesis"
  );
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: streamName }));
  const backlog: Backlog = { records: 0, oldestArrivalMs: null, arrivals: [], capped: false };
  for (const shard of Shards) {
    const shardId = shard.ShardId ?? "";
    const after = checkpoints[shardId];
    let { ShardIterator: iterator } = await client.send(
      new GetShardIteratorCommand({
        StreamName: streamName,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: "AFTER_SEQUENCE_NUMBER", StartingSequenceNumber: after }
          : { ShardIteratorType: "TRIM_HORIZON" }),
      }),
    );
    while (iterator) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: PAGE }));
      for (const record of page.Records ?? []) {
        const at = record.ApproximateArrivalTimestamp?.getTime() ?? Date.now();
        backlog.records += 1;
        backlog.arrivals.push(at);
        backlog.oldestArrivalMs = Math.min(backlog.oldestArrivalMs ?? at, at);
      }
      if (backlog.records >= cap) {
        backlog.capped = true;
        return backlog;
      }
      if ((page.Records ?? []).length === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  return backlog;
}
