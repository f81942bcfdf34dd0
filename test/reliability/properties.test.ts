import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseEnvelope } from "../../src/core/analysis.js";
import { decodeRecordData, type Envelope, parseEnvelope } from "../../src/core/envelope.js";
import { REJECTED_DATA_MAX_BYTES, redisKeys } from "../../src/core/redisKeys.js";
import { DEFAULT_THRESHOLDS, type Signal } from "../../src/core/signal.js";
import type { RejectWrite, SignalWrite } from "../../src/core/writePlan.js";
import { planRecord } from "../../src/lambdas/processing/recordHandler.js";
import { CATEGORIES, envelopeFactory, kinesisRecordFactory } from "../helpers/factories.js";

const RUNS = { numRuns: 300 };
const meta = { sequenceNumber: "1", processedAt: new Date("2026-11-20T15:00:03.010Z") };

/** A field as a provider might send it, with the number docs/contracts.md section 2's `num()` must read from it (or null). */
const numberish: fc.Arbitrary<{ raw: unknown; value: number | null }> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => ({ raw: d, value: d })),
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .map((d) => ({ raw: String(d), value: Number(String(d)) })),
  fc.integer({ min: -1000, max: 1000 }).map((i) => ({ raw: i, value: i })),
  // The edges of a double, where price / eps and eps / price overflow or underflow.
  fc
    .constantFrom(1e308, -1e308, 1e-308, -1e-308, 5e-324, Number.MAX_VALUE, Number.MIN_VALUE, -0)
    .map((d) => ({ raw: d, value: d })),
  fc.constantFrom<{ raw: unknown; value: number | null }>(
    { raw: undefined, value: null },
    { raw: null, value: null },
    { raw: 0, value: 0 },
    { raw: "0", value: 0 },
    { raw: "", value: null },
    { raw: " 6.43", value: null },
    { raw: "6.43 USD", value: null },
    { raw: "0x10", value: null },
    { raw: "n/a", value: null },
    { raw: Number.NaN, value: null },
    { raw: Number.POSITIVE_INFINITY, value: null },
    { raw: true, value: null },
    { raw: [6.43], value: null },
    { raw: {}, value: null },
  ),
);

/** The bands of docs/contracts.md section 2 for a P/E, written out again independently of src/core/analysis.ts. */
function rated(peRatio: number, peSource: string) {
  const t = DEFAULT_THRESHOLDS;
  return {
    peRatio,
    peSource,
    category:
      peRatio < 10
        ? "undervalued"
        : peRatio < 15
          ? "fair_value"
          : peRatio < 25
            ? "growth_stock"
            : peRatio < 50
              ? "expensive"
              : "highly_speculative",
    signal: peRatio < t.buyBelow ? "buy" : peRatio < t.holdBelow ? "hold" : "sell",
  };
}

/** docs/contracts.md section 2, written out again independently of src/core/analysis.ts. */
function expectedValuation(price: number | null, eps: number | null, pe: number | null) {
  const negative = { peRatio: null, peSource: null, category: "negative_earnings", signal: "avoid" };
  const priceUsable = price !== null && price > 0;
  // Rule 2 holds only for a ratio a Signal can carry: an overflow (Infinity) is no P/E.
  if (priceUsable && eps !== null && eps > 0 && Number.isFinite(price / eps))
    return rated(price / eps, "computed");
  if (priceUsable && eps !== null && eps < 0) return negative;
  if (pe !== null && pe !== 0) return pe > 0 ? rated(pe, "provider") : negative;
  return { peRatio: null, peSource: null, category: "insufficient_data", signal: "unknown" };
}

function quoteWith(c: unknown, eps: unknown, pe: unknown): Record<string, unknown> {
  const metrics: Record<string, unknown> = {};
  if (eps !== undefined) metrics.eps = eps;
  if (pe !== undefined) metrics["pe/ratio"] = pe;
  return { t: 1_763_650_800, ...(c === undefined ? {} : { c }), metrics };
}

describe("decoding never throws", () => {
  it("on arbitrary bytes, and says why when it rejects", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        const result = decodeRecordData(bytes);
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it("on arbitrary base64 text and on any JSON value", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.base64String()), (text) => void decodeRecordData(text)),
      RUNS,
    );
    fc.assert(
      fc.property(
        fc.jsonValue(),
        (value) => void decodeRecordData(Buffer.from(JSON.stringify(value) ?? "null")),
      ),
      RUNS,
    );
  });

  it("on envelope-shaped objects with arbitrary fields, accepting only what section 4 allows", () => {
    const envelopeLike = fc.record(
      {
        schemaVersion: fc.oneof(fc.constant(1), fc.anything()),
        symbol: fc.oneof(
          fc.constantFrom("AAPL", " bmw.de ", "BRK-B"),
          fc.string({ maxLength: 30 }),
          fc.anything(),
        ),
        fetchedAt: fc.oneof(fc.constant("2026-11-20T15:00:02.120Z"), fc.string(), fc.anything()),
        quote: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.anything()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(envelopeLike, (value) => {
        const result = parseEnvelope(value);
        if (!result.ok) return;
        expect(result.envelope.symbol).toMatch(/^[A-Z0-9.\-^=_]{1,24}$/);
        expect(typeof result.envelope.quote).toBe("object");
        expect(Number.isNaN(Date.parse(result.envelope.fetchedAt))).toBe(false);
      }),
      RUNS,
    );
  });
});

describe("the analysis obeys docs/contracts.md section 2", () => {
  it("for any price, eps and provider P/E, including strings, nulls and garbage", () => {
    fc.assert(
      fc.property(numberish, numberish, numberish, (c, eps, pe) => {
        const envelope: Envelope = envelopeFactory("AAPL", {}, { quote: quoteWith(c.raw, eps.raw, pe.raw) });
        const signal = analyseEnvelope(envelope, meta);
        expect(signal).toMatchObject(expectedValuation(c.value, eps.value, pe.value));
        expect(signal.price).toBe(c.value);
        expect(signal.eps).toBe(eps.value);
        const usable = c.value !== null && c.value > 0 && eps.value !== null;
        const yieldOf = usable ? (eps.value as number) / (c.value as number) : null;
        expect(signal.earningsYield).toBe(yieldOf !== null && Number.isFinite(yieldOf) ? yieldOf : null);
        // Bavest's own P/E rides along when it disagrees with price / EPS by more than 1%.
        const computed = signal.peSource === "computed" ? (signal.peRatio as number) : null;
        const disagrees =
          computed !== null &&
          pe.value !== null &&
          pe.value !== 0 &&
          Math.abs(pe.value - computed) > 0.01 * computed;
        expect(signal.providerPeRatio).toBe(disagrees ? pe.value : undefined);
        // What readers get from Redis: a category with a P/E band always has that P/E, as a number.
        const stored = JSON.parse(JSON.stringify(signal)) as Signal;
        const banded = !["negative_earnings", "insufficient_data"].includes(stored.category);
        expect(typeof stored.peRatio === "number").toBe(banded);
        if (banded) expect(rated(stored.peRatio as number, "").category).toBe(stored.category);
        expect(signal.observedAt).toBe("2025-11-20T15:00:00.000Z");
      }),
      RUNS,
    );
  });

  it("never throws on an arbitrary quote object and always names a known category", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything()), (quote) => {
        const signal = analyseEnvelope(envelopeFactory("AAPL", {}, { quote }), meta);
        expect(CATEGORIES).toContain(signal.category);
        expect(Number.isNaN(Date.parse(signal.observedAt))).toBe(false);
      }),
      RUNS,
    );
  });
});

describe("every record becomes either a Signal or a rejection", () => {
  const anyRecord = fc.oneof(
    fc.uint8Array({ maxLength: 3000 }).map((bytes) => kinesisRecordFactory(bytes, { partitionKey: "X" })),
    fc
      .jsonValue()
      .map((value) => kinesisRecordFactory(JSON.stringify(value) ?? "null", { partitionKey: "X" })),
    fc
      .tuple(
        numberish,
        numberish,
        fc.option(fc.oneof(fc.integer({ min: -5, max: 2_000_000_000 }), fc.double())),
      )
      .map(([c, eps, t]) =>
        kinesisRecordFactory(envelopeFactory("AAPL", { c: c.raw, metrics: { eps: eps.raw }, t })),
      ),
  );

  it("and exactly one of the two, with at most 1 KiB of a rejected record kept", async () => {
    await fc.assert(
      fc.asyncProperty(anyRecord, async (record) => {
        const signals: SignalWrite[] = [];
        const rejects: RejectWrite[] = [];
        const { planned } = planRecord(record, {
          keys: redisKeys(),
          settings: {
            keyPrefix: "bavest",
            retentionSeconds: 3600,
            rejectedCap: 10,
            thresholds: DEFAULT_THRESHOLDS,
          },
          now: () => meta.processedAt,
        });
        if (planned.kind === "signal") signals.push(planned.write);
        else rejects.push(planned.write);
        const outcome = planned.kind === "reject" ? "rejected" : "stored";
        expect(signals.length + rejects.length).toBe(1);
        expect(outcome === "rejected").toBe(rejects.length === 1);
        for (const reject of rejects) {
          const entry = JSON.parse(reject.entry) as { data: string; dataEncoding: string; reason: string };
          const bytes = Buffer.from(entry.data, entry.dataEncoding === "base64" ? "base64" : "utf8");
          expect(bytes.byteLength).toBeLessThanOrEqual(REJECTED_DATA_MAX_BYTES);
          expect(entry.reason.length).toBeGreaterThan(0);
        }
        for (const write of signals) {
          const signal = JSON.parse(write.args[0]) as Signal;
          expect(Number.isNaN(Date.parse(signal.observedAt))).toBe(false);
          expect(write.keys[0]).toBe(`bavest:pe_ratio:${signal.symbol}:${Date.parse(signal.observedAt)}`);
        }
      }),
      RUNS,
    );
  });
});
