import type { Envelope } from "../src/core/envelope.js";
import type { KinesisEventInput as KinesisStreamEvent } from "../src/kinesis/event.js";

/** A watchlist of this many symbols, the size of a real one. */
export const BENCH_SYMBOLS = Array.from({ length: 50 }, (_, i) => `SYM${String(i).padStart(2, "0")}`);

/** 2026-01-01T00:00:00Z in Unix seconds: every generated observation is at or after it. */
const FIRST_QUOTE_SECONDS = 1_767_225_600;

/**
 * The `n`-th observation of a stream: symbols in turn, each observation one second after the
 * previous one of its symbol, so every record is a new observation (never a duplicate), and the
 * quote looks like a Bavest /v0/quote answer.
 */
export function benchEnvelope(n: number): Envelope {
  const symbol = BENCH_SYMBOLS[n % BENCH_SYMBOLS.length] as string;
  // In cents, as Bavest sends prices and EPS (189.84, 6.43): not 79.19999999999999, whose extra
  // digits would make every stored value, and so the memory measured, longer than real ones.
  const price = cents(50 + (n % 400) * 0.73);
  const eps = cents(((n % 7) - 1) * 1.9);
  return {
    schemaVersion: 1,
    symbol,
    fetchedAt: new Date((FIRST_QUOTE_SECONDS + n) * 1000 + 120).toISOString(),
    source: "bench",
    quote: {
      c: price,
      d: 1.27,
      dp: 0.6735,
      h: cents(price * 1.01),
      l: cents(price * 0.99),
      o: price,
      pc: cents(price - 1.27),
      t: FIRST_QUOTE_SECONDS + n,
      v: 48_211_022,
      // Bavest's own P/E agrees with price / EPS (the fixtures' do, 24 of 24 within 1%): a Signal
      // then carries no providerPeRatio, as real ones do; where EPS <= 0 it is the provider's P/E.
      metrics: {
        marketCapitalization: 2.93e12,
        avgVolume: 55_012_311,
        eps,
        "pe/ratio": eps > 0 ? cents(price / eps) : cents(price / 6.43),
      },
      exchange: "NASDAQ",
      currency: "USD",
    },
  };
}

function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

/** When the `n`-th observation was made, in ms: the `{observedAtMs}` of its pe_ratio key. */
export function benchObservedAtMs(n: number): number {
  return (FIRST_QUOTE_SECONDS + n) * 1000;
}

/** A Lambda Kinesis event of `count` records starting at observation `first`. */
export function benchKinesisEvent(first: number, count: number): KinesisStreamEvent {
  const Records = Array.from({ length: count }, (_, i) => {
    const envelope = benchEnvelope(first + i);
    const sequenceNumber = String(49_000_000_000_000_000_000n + BigInt(first + i));
    return {
      eventID: `shardId-000000000000:${sequenceNumber}`,
      eventSourceARN: "arn:aws:kinesis:us-east-1:000000000000:stream/bavest-signals-bench",
      kinesis: {
        data: Buffer.from(JSON.stringify(envelope)).toString("base64"),
        partitionKey: envelope.symbol,
        sequenceNumber,
        approximateArrivalTimestamp: Date.now() / 1000,
      },
    };
  });
  return { Records };
}
