import type { KinesisClient } from "@aws-sdk/client-kinesis";
import type { StreamRecord } from "./kinesisEvent.js";

/** What the pollers need from a Kinesis API: an iterator and pages of records. */
export interface ShardReader {
  trimHorizonIterator(shardId: string): Promise<string>;
  /** An iterator just after a record done with (a checkpoint). */
  iteratorAfter?(shardId: string, sequenceNumber: string): Promise<string>;
  getRecords(
    shardId: string,
    iterator: string,
    limit: number,
  ): Promise<{ records: StreamRecord[]; nextIterator: string | undefined; millisBehindLatest: number }>;
}

/** A ShardReader over a real Kinesis API client (the local server or AWS). */
export async function kinesisShardReader(client: KinesisClient, streamName: string): Promise<ShardReader> {
  const { GetRecordsCommand, GetShardIteratorCommand } = await import("@aws-sdk/client-kinesis");
  return {
    async trimHorizonIterator(shardId) {
      const response = await client.send(
        new GetShardIteratorCommand({
          StreamName: streamName,
          ShardId: shardId,
          ShardIteratorType: "TRIM_HORIZON",
        }),
      );
      if (!response.ShardIterator) throw new Error(`no shard iterator for ${shardId}`);
      return response.ShardIterator;
    },
    async iteratorAfter(shardId, sequenceNumber) {
      const response = await client.send(
        new GetShardIteratorCommand({
          StreamName: streamName,
          ShardId: shardId,
          ShardIteratorType: "AFTER_SEQUENCE_NUMBER",
          StartingSequenceNumber: sequenceNumber,
        }),
      );
      if (!response.ShardIterator)
        throw new Error(`no shard iterator for ${shardId} after ${sequenceNumber}`);
      return response.ShardIterator;
    },
    async getRecords(shardId, iterator, limit) {
      const response = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }));
      return {
        records: (response.Records ?? []).map((record) => ({
          shardId,
          sequenceNumber: record.SequenceNumber ?? "",
          partitionKey: record.PartitionKey ?? "",
          data: record.Data ?? new Uint8Array(),
          approximateArrivalTimestamp: record.ApproximateArrivalTimestamp ?? new Date(),
        })),
        nextIterator: response.NextShardIterator,
        millisBehindLatest: response.MillisBehindLatest ?? 0,
      };
    },
  };
}
