import {
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type KinesisClient,
  ShardIteratorType,
} from "@aws-sdk/client-kinesis";
import { errorWithName } from "../lib/errors.js";
import type { KinesisBatchInfo, StreamRecordCopy } from "./invocationRecord.js";

export interface RangeRead {
  records: StreamRecordCopy[];
  /** Set when not all of the range could be read, saying why. */
  problem?: string;
}

/** GetRecords calls per range before giving up: a range is one failed batch (<= 10,000 records). */
const MAX_READS = 50;

/**
 * Reads a failed batch back from the stream by its pointer: an iterator AT_SEQUENCE_NUMBER the
 * batch's first record, then GetRecords until past its last. That only works while the records
 * are within the stream's retention (24 hours by default); older ones are gone.
 * https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html
 */
export async function readStreamRange(
  client: KinesisClient,
  streamName: string,
  batch: KinesisBatchInfo,
): Promise<RangeRead> {
  const start = BigInt(batch.startSequenceNumber);
  const end = BigInt(batch.endSequenceNumber);
  const where = batch.streamArn ? { StreamARN: batch.streamArn } : { StreamName: streamName };
  let iterator: string | undefined;
  try {
    const answer = await client.send(
      new GetShardIteratorCommand({
        ...where,
        ShardId: batch.shardId,
        ShardIteratorType: ShardIteratorType.AT_SEQUENCE_NUMBER,
        StartingSequenceNumber: batch.startSequenceNumber,
      }),
    );
    iterator = answer.ShardIterator;
  } catch (error) {
    return { records: [], problem: `the stream refused to read from it: ${errorWithName(error)}` };
  }
  const records: StreamRecordCopy[] = [];
  for (let reads = 0; iterator && reads < MAX_READS; reads++) {
    let page: GetRecordsCommandOutput;
    try {
      page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
    } catch (error) {
      return { records, problem: `reading it back from the stream failed: ${errorWithName(error)}` };
    }
    for (const record of page.Records ?? []) {
      const sequence = BigInt(record.SequenceNumber ?? "0");
      if (sequence > end) return finish(records, batch, start);
      if (sequence < start) continue;
      records.push({
        partitionKey: record.PartitionKey ?? "",
        sequenceNumber: record.SequenceNumber ?? "",
        data: record.Data ?? new Uint8Array(),
      });
    }
    // Caught up with the shard and nothing more is coming: the rest of the range is not there.
    if ((page.Records ?? []).length === 0 && page.MillisBehindLatest === 0) break;
    iterator = page.NextShardIterator;
  }
  return finish(records, batch, start);
}

function finish(records: StreamRecordCopy[], batch: KinesisBatchInfo, start: bigint): RangeRead {
  const first = records[0];
  if (first === undefined) {
    return { records, problem: "none of its records is in the stream any more (older than its retention)" };
  }
  if (BigInt(first.sequenceNumber) !== start) {
    return { records, problem: "its first records are no longer in the stream (older than its retention)" };
  }
  if (batch.batchSize > 0 && records.length < batch.batchSize) {
    return {
      records,
      problem: `only ${records.length} of its ${batch.batchSize} records were found in the stream`,
    };
  }
  return { records };
}
