import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { DeleteObjectCommand, GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { listFailureRecordKeys } from "../cloud/failureBucket.js";
import { parseInvocationRecord, type StreamRecordCopy } from "./invocationRecord.js";
import { readStreamRange } from "./streamRange.js";
import type { Collected, RedriveSource, Unrecoverable } from "./types.js";

export interface S3SourceOptions {
  bucket: string;
  /** The stack's stream: used when an invocation record does not name its stream's ARN. */
  streamName: string;
  s3: S3Client;
  kinesis: KinesisClient;
}

/**
 * A stack's S3 on-failure destination: each object is one failed batch. Its records come
 * from the object's `payload` when it has one, else they are read back from the stream by
 * the batch's shard and sequence range. An object is deleted only once all of it is resent.
 */
export function s3FailureSource(options: S3SourceOptions): RedriveSource {
  const { s3, bucket } = options;
  return {
    description: `s3://${bucket}`,
    items: `object(s) of s3://${bucket}`,
    async collect(): Promise<Collected> {
      const collected: Collected = {
        records: [],
        unrecoverable: [],
        origins: await listFailureRecordKeys(s3, bucket),
      };
      for (const key of collected.origins) {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const text = (await object.Body?.transformToString("utf8")) ?? "";
        const found = await recordsOf(key, text, options);
        if (found.unrecoverable) collected.unrecoverable.push(found.unrecoverable);
        for (const [index, record] of found.records.entries()) {
          collected.records.push({
            origin: key,
            label: `${key} record ${index + 1}`,
            partitionKey: record.partitionKey,
            data: record.data,
          });
        }
      }
      return collected;
    },
    async remove(origins) {
      for (const key of origins) await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}

/** One object's records: from its payload, else read back from the stream by its pointer. */
async function recordsOf(
  key: string,
  text: string,
  options: S3SourceOptions,
): Promise<{ records: StreamRecordCopy[]; unrecoverable?: Unrecoverable }> {
  const parsed = parseInvocationRecord(text);
  if (parsed.kind === "invalid")
    return { records: [], unrecoverable: { origin: key, label: key, reason: parsed.reason } };
  if (parsed.kind === "records") return { records: parsed.records };
  const read = await readStreamRange(options.kinesis, options.streamName, parsed.batch);
  if (!read.problem) return { records: read.records };
  const { shardId, startSequenceNumber, endSequenceNumber } = parsed.batch;
  return {
    records: read.records,
    unrecoverable: {
      origin: key,
      label: `${key} (${shardId}, ${startSequenceNumber}..${endSequenceNumber})`,
      reason: read.problem,
    },
  };
}
