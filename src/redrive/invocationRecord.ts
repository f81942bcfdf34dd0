import type { StreamRecord } from "../kinesis/event.js";

/**
 * What Lambda writes to an S3 on-failure destination for a Kinesis event source mapping: the
 * invocation metadata, the batch's position in the stream (`KinesisBatchInfo`, always present)
 * and, for S3 only, `payload`: the whole event the function was invoked with, as a JSON string.
 * https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html
 */
export interface KinesisBatchInfo {
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  batchSize: number;
  streamArn: string;
}

/** A record copied out of a failed batch: what a redrive puts back on the stream. */
export type StreamRecordCopy = Pick<StreamRecord, "partitionKey" | "sequenceNumber" | "data">;

export type ParsedInvocation =
  | { kind: "records"; batch: KinesisBatchInfo; records: StreamRecordCopy[] }
  | { kind: "pointer"; batch: KinesisBatchInfo }
  | { kind: "invalid"; reason: string };

function batchInfo(value: unknown): KinesisBatchInfo | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const info = value as Record<string, unknown>;
  const text = (key: string) => (typeof info[key] === "string" ? (info[key] as string) : undefined);
  const shardId = text("shardId");
  const start = text("startSequenceNumber");
  const end = text("endSequenceNumber");
  if (!shardId || !start || !end) return undefined;
  return {
    shardId,
    startSequenceNumber: start,
    endSequenceNumber: end,
    batchSize: typeof info.batchSize === "number" ? info.batchSize : 0,
    streamArn: text("streamArn") ?? "",
  };
}

/** The records of the event in `payload`, or undefined when it holds none in Kinesis form. */
function payloadRecords(payload: unknown): StreamRecordCopy[] | undefined {
  if (typeof payload !== "string") return undefined;
  let event: unknown;
  try {
    event = JSON.parse(payload);
  } catch {
    return undefined;
  }
  const list = (event as { Records?: unknown })?.Records;
  if (!Array.isArray(list)) return undefined;
  const records: StreamRecordCopy[] = [];
  for (const item of list) {
    const kinesis = (item as { kinesis?: Record<string, unknown> })?.kinesis;
    if (typeof kinesis?.data !== "string" || typeof kinesis.partitionKey !== "string") return undefined;
    records.push({
      partitionKey: kinesis.partitionKey,
      sequenceNumber: String(kinesis.sequenceNumber ?? ""),
      data: Buffer.from(kinesis.data, "base64"),
    });
  }
  return records;
}

/** Reads one S3 object's text as an invocation record. Pure. */
export function parseInvocationRecord(text: string): ParsedInvocation {
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { kind: "invalid", reason: "is not JSON" };
  }
  const batch = batchInfo(document?.KinesisBatchInfo);
  if (!batch) return { kind: "invalid", reason: "has no KinesisBatchInfo: not a Kinesis invocation record" };
  const records = payloadRecords(document.payload);
  return records ? { kind: "records", batch, records } : { kind: "pointer", batch };
}
