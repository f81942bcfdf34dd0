import type { Envelope } from "../../src/core/envelope.js";
import {
  buildKinesisEvent,
  type KinesisEventInput,
  type KinesisEventRecord,
  type KinesisRecordInput,
} from "../../src/kinesis/event.js";

/** A Bavest quote like the documented example; override any field. */
export function quoteFactory(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    c: 189.84,
    d: 1.27,
    dp: 0.6735,
    h: 190.32,
    l: 187.92,
    o: 188.15,
    pc: 188.57,
    t: 1763650800,
    v: 48211022,
    metrics: { marketCapitalization: 2.93e12, avgVolume: 55012311, eps: 6.43, "pe/ratio": 29.52 },
    exchange: "NASDAQ",
    currency: "USD",
    ...overrides,
  };
}

/** A valid envelope for `symbol`; `quote` fields are merged over the example quote. */
export function envelopeFactory(
  symbol = "AAPL",
  quote: Record<string, unknown> = {},
  overrides: Partial<Envelope> = {},
): Envelope {
  return {
    schemaVersion: 1,
    symbol,
    fetchedAt: "2026-11-20T15:00:02.120Z",
    source: "bavest",
    quote: quoteFactory(quote),
    ...overrides,
  };
}

let sequence = 49_000_000_000_000_000_000_000_000_000_000_000n;

/** A Kinesis record as Lambda delivers it; `body` is JSON-encoded unless it is already bytes or a string. */
export function kinesisRecordFactory(
  body: unknown,
  options: { partitionKey?: string; sequenceNumber?: string } = {},
): KinesisEventRecord {
  let bytes: Buffer;
  if (body instanceof Uint8Array) bytes = Buffer.from(body);
  else if (typeof body === "string") bytes = Buffer.from(body, "utf8");
  else bytes = Buffer.from(JSON.stringify(body), "utf8");
  sequence += 1n;
  const partitionKey =
    options.partitionKey ??
    (typeof body === "object" && body !== null && "symbol" in body ? String(body.symbol) : "UNKNOWN");
  const record = {
    shardId: "shardId-000000000000",
    sequenceNumber: options.sequenceNumber ?? String(sequence),
    partitionKey,
    data: bytes,
    approximateArrivalTimestamp: new Date(1763650802120),
  };
  const [built] = buildKinesisEvent([record], { region: "us-east-1", streamName: "bavest-test" }).Records;
  if (built === undefined) throw new Error("buildKinesisEvent returned no record");
  // The event's id names the running count, as before, even when the sequence number is given.
  return { ...built, eventID: `shardId-000000000000:${sequence}` };
}

/** A Lambda Kinesis event holding these records. */
export function kinesisEventFactory(records: KinesisRecordInput[]): KinesisEventInput {
  return { Records: records };
}

/** Every category of the contract (docs/contracts.md), for tests that check all are reachable or known. */
export const CATEGORIES = [
  "undervalued",
  "fair_value",
  "growth_stock",
  "expensive",
  "highly_speculative",
  "negative_earnings",
  "insufficient_data",
] as const;

/** Every signal of the contract (docs/contracts.md). */
export const SIGNALS = ["buy", "hold", "sell", "avoid", "unknown"] as const;

/** A Kinesis record of `symbol`'s quote at `t` (Unix seconds), with `quote` fields changed. */
export const recordAt = (symbol: string, t: number, quote: Record<string, unknown> = {}) =>
  kinesisRecordFactory(envelopeFactory(symbol, { t, ...quote }));
