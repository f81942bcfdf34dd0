/**
 * The one model of a Lambda Kinesis event: the record types, the event builder, and the
 * EventBridge scheduled event. The local trigger, `invoke`, redrive and the tests all shape
 * events here, so they agree field for field with what Lambda delivers. Pure: no SDK, no IO
 * (the Lambda bundles import it).
 */

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
    /** Unix seconds, with milliseconds as the fraction. */
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

/** A Lambda Kinesis event. */
export interface KinesisStreamEvent {
  Records: KinesisEventRecord[];
}

/** The parts of a record the processing function reads: a whole record is one, and so is less. */
export type KinesisRecordInput = Partial<Pick<KinesisEventRecord, "eventID" | "eventSourceARN">> & {
  kinesis: Pick<KinesisEventRecord["kinesis"], "data" | "partitionKey" | "sequenceNumber"> &
    Partial<Pick<KinesisEventRecord["kinesis"], "approximateArrivalTimestamp">>;
};

/** An event as far as the processing function reads it. */
export interface KinesisEventInput {
  Records: KinesisRecordInput[];
}

/** The partial batch response the processing function returns (ReportBatchItemFailures). */
export interface BatchItemFailures {
  batchItemFailures: { itemIdentifier: string }[];
}

/** Where the events say they come from; a local account id unless the ARNs are given. */
export interface EventSourceIdentity {
  region: string;
  streamName: string;
  accountId?: string;
  functionName?: string;
  /** The stream's real ARN (a deployed stack's output), instead of one made from the name. */
  streamArn?: string;
  /** The role the mapping invokes with, instead of `<function>-role`. */
  invokeRoleArn?: string;
}

const LOCAL_ACCOUNT_ID = "000000000000";

export function streamArnOf(identity: EventSourceIdentity): string {
  if (identity.streamArn !== undefined) return identity.streamArn;
  return `arn:aws:kinesis:${identity.region}:${identity.accountId ?? LOCAL_ACCOUNT_ID}:stream/${identity.streamName}`;
}

function invokeRoleArnOf(identity: EventSourceIdentity): string {
  if (identity.invokeRoleArn !== undefined) return identity.invokeRoleArn;
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

/** The first sequence number `sam local generate-event kinesis get-records` uses. */
export const SAMPLE_BASE_SEQUENCE = 49590338271490256608559692538361571095921575989136588898n;

/** The partition key a producer gives an envelope: its symbol, upper-cased (docs/contracts.md section 1). */
export function partitionKeyOf(envelope: unknown): string {
  const symbol = (envelope as { symbol?: unknown } | null)?.symbol;
  return typeof symbol === "string" && symbol.trim() !== "" ? symbol.trim().toUpperCase() : "unknown";
}

/**
 * Envelopes as records of one shard, as if put at `arrival`: JSON data, the symbol as the
 * partition key, sequence numbers counting up from SAMPLE_BASE_SEQUENCE.
 */
export function recordsForEnvelopes(envelopes: readonly unknown[], arrival: Date): StreamRecord[] {
  return envelopes.map((envelope, index) => ({
    shardId: "shardId-000000000000",
    sequenceNumber: (SAMPLE_BASE_SEQUENCE + BigInt(index)).toString(),
    partitionKey: partitionKeyOf(envelope),
    data: Buffer.from(JSON.stringify(envelope), "utf8"),
    approximateArrivalTimestamp: arrival,
  }));
}

/** The EventBridge scheduled event a scheduled function gets. */
export interface ScheduledEvent {
  version: "0";
  id: string;
  "detail-type": "Scheduled Event";
  source: "aws.events";
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, never>;
}

/** A scheduled event at `now`; with a rule name it names the rule, as EventBridge does. */
export function scheduledEvent(
  region: string,
  now: Date,
  options: { ruleName?: string; id?: string } = {},
): ScheduledEvent {
  return {
    version: "0",
    id: options.id ?? "00000000-0000-0000-0000-000000000000",
    "detail-type": "Scheduled Event",
    source: "aws.events",
    account: LOCAL_ACCOUNT_ID,
    // EventBridge's time has no milliseconds.
    time: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    region,
    resources: options.ruleName
      ? [`arn:aws:events:${region}:${LOCAL_ACCOUNT_ID}:rule/${options.ruleName}`]
      : [],
    detail: {},
  };
}
