import { UsageError } from "../lib/errors.js";

/** The first sequence number `sam local generate-event kinesis get-records` uses; ours count up from it. */
const BASE_SEQUENCE = 49590338271490256608559692538361571095921575989136588898n;

export interface KinesisEventOptions {
  region: string;
  streamArn: string;
  /** Arrival time of the records, Unix seconds. */
  arrivalSeconds: number;
}

/** Envelopes from a fixture: a JSON array, or JSON Lines (blank lines skipped). */
export function parseFixture(text: string, name: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === "") throw new UsageError(`Fixture ${name} is empty.`);
  if (trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed) as unknown[];
    } catch (error) {
      throw new UsageError(`Fixture ${name} is not a valid JSON array: ${(error as Error).message}`);
    }
  }
  return trimmed.split("\n").flatMap((line, index) => {
    if (line.trim() === "") return [];
    try {
      return [JSON.parse(line) as unknown];
    } catch {
      throw new UsageError(`Fixture ${name}, line ${index + 1}: not valid JSON.`);
    }
  });
}

/** The partition key a record would get: its symbol, upper-cased (CONTRACTS section 1). */
function partitionKeyOf(envelope: unknown): string {
  const symbol = (envelope as { symbol?: unknown } | null)?.symbol;
  return typeof symbol === "string" && symbol.trim() !== "" ? symbol.trim().toUpperCase() : "unknown";
}

/**
 * What Lambda receives from a Kinesis event source mapping for these envelopes (the shape
 * `sam local generate-event kinesis get-records` produces), data base64-encoded.
 */
export function kinesisEventFor(envelopes: readonly unknown[], options: KinesisEventOptions) {
  return {
    Records: envelopes.map((envelope, index) => {
      const sequenceNumber = (BASE_SEQUENCE + BigInt(index)).toString();
      return {
        kinesis: {
          kinesisSchemaVersion: "1.0",
          partitionKey: partitionKeyOf(envelope),
          sequenceNumber,
          data: Buffer.from(JSON.stringify(envelope), "utf8").toString("base64"),
          approximateArrivalTimestamp: options.arrivalSeconds,
        },
        eventSource: "aws:kinesis",
        eventVersion: "1.0",
        eventID: `shardId-000000000000:${sequenceNumber}`,
        eventName: "aws:kinesis:record",
        invokeIdentityArn: "arn:aws:iam::000000000000:role/bavest-signals-invoke",
        awsRegion: options.region,
        eventSourceARN: options.streamArn,
      };
    }),
  };
}

/** The EventBridge scheduled event the ingestion function normally gets. */
export function scheduledEvent(region: string, now: Date) {
  return {
    version: "0",
    id: "00000000-0000-0000-0000-000000000000",
    "detail-type": "Scheduled Event",
    source: "aws.events",
    account: "000000000000",
    time: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    region,
    resources: [],
    detail: {},
  };
}
