/** One record as read from a shard, before it is shaped into a Lambda event. */
export interface StreamRecord {
  shardId: string;
  sequenceNumber: string;
  partitionKey: string;
  data: Uint8Array;
  approximateArrivalTimestamp: Date;
}

/** One record of a Lambda Kinesis event, field for field as Lambda delivers it. */
export interface KinesisEventRecord {
  kinesis: {
    kinesisSchemaVersion: "1.0";
    partitionKey: string;
    sequenceNumber: string;
    data: string;
    approximateArrivalTimestamp: number;
  };
  eventSource: "aws:kinesis";
  eventVersion: "1.0";
  eventID: string;
  eventName: "aws:kinesis:record";
  invokeIdentityArn: string;
  awsRegion: string;
  eventSourceARN: string;
}

export interface KinesisStreamEvent {
  Records: KinesisEventRecord[];
}

/** What the processing function answers; `void` counts as "everything succeeded". */
export type BatchResponse =
  | {
      batchItemFailures?: Array<{ itemIdentifier?: string | null }>;
      /** What the local host read from the function's log: not part of Lambda's response. */
      localCounts?: { duplicates: number; stale: number };
    }
  | undefined
  | null;

/** The processing function: a Lambda handler for Kinesis events with partial batch responses. */
export type ProcessingHandler = (event: KinesisStreamEvent) => Promise<BatchResponse | undefined>;

/** Where the events say they come from; a local account id, as nothing here is in AWS. */
export interface EventSourceIdentity {
  region: string;
  streamName: string;
  accountId?: string;
  functionName?: string;
}

const LOCAL_ACCOUNT_ID = "000000000000";

export function streamArnOf(identity: EventSourceIdentity): string {
  return `arn:aws:kinesis:${identity.region}:${identity.accountId ?? LOCAL_ACCOUNT_ID}:stream/${identity.streamName}`;
}

function invokeRoleArnOf(identity: EventSourceIdentity): string {
  const role = `${identity.functionName ?? "processing"}-role`;
  return `arn:aws:iam::${identity.accountId ?? LOCAL_ACCOUNT_ID}:role/${role}`;
}

/** Shapes records into the event Lambda's Kinesis trigger would deliver. Pure. */
export function buildKinesisEvent(
  records: readonly StreamRecord[],
  identity: EventSourceIdentity,
): KinesisStreamEvent {
  const eventSourceARN = streamArnOf(identity);
  const invokeIdentityArn = invokeRoleArnOf(identity);
  return {
    Records: records.map((record) => ({
      kinesis: {
        kinesisSchemaVersion: "1.0",
        partitionKey: record.partitionKey,
        sequenceNumber: record.sequenceNumber,
        data: Buffer.from(record.data).toString("base64"),
        approximateArrivalTimestamp: record.approximateArrivalTimestamp.getTime() / 1000,
      },
      eventSource: "aws:kinesis",
      eventVersion: "1.0",
      eventID: `${record.shardId}:${record.sequenceNumber}`,
      eventName: "aws:kinesis:record",
      invokeIdentityArn,
      awsRegion: identity.region,
      eventSourceARN,
    })),
  };
}

/**
 * The index of the first record to retry after a partial batch response, or -1 when none
 * failed. Like Lambda, an identifier that is empty or not in the batch fails the whole batch.
 */
export function firstFailedIndex(
  records: readonly StreamRecord[],
  response: BatchResponse | undefined,
): number {
  const failures = response?.batchItemFailures ?? [];
  if (failures.length === 0) return -1;
  let lowest = -1;
  for (const failure of failures) {
    const index = records.findIndex((record) => record.sequenceNumber === failure.itemIdentifier);
    if (index < 0) return 0;
    if (lowest < 0 || index < lowest) lowest = index;
  }
  return lowest;
}
