import { describe, expect, it } from "vitest";
import { analyseEnvelope, num } from "../../../src/core/analysis.js";
import { DEFAULT_THRESHOLDS } from "../../../src/core/signal.js";
import { envelopeFactory } from "../../helpers/factories.js";

const meta = { sequenceNumber: "4966", processedAt: new Date("2026-11-20T15:00:03.010Z") };

function analyse(quote: Record<string, unknown>, thresholds = DEFAULT_THRESHOLDS) {
  const envelope = envelopeFactory("AAPL", {}, { quote });
  return analyseEnvelope(envelope, meta, thresholds);
}

describe("num", () => {
  it.each([
    [6.43, 6.43],
    ["6.43", 6.43],
    ["-2", -2],
    ["1e3", 1000],
    [".5", 0.5],
    [0, 0],
  ])("reads %j as %j", (input, expected) => {
    expect(num(input)).toBe(expected);
  });

  it.each([
    [null],
    [undefined],
    [""],
    [" 6.43"],
    ["6.43 USD"],
    ["abc"],
    [Number.NaN],
    [Infinity],
    [true],
    [{}],
  ])("treats %j as missing", (input) => {
    expect(num(input)).toBeNull();
  });
});

describe("analyseEnvelope: P/E rules", () => {
  it.each([
    // name, quote, peRatio, peSource, category, signal
    ["computed from price / eps", { c: 100, metrics: { eps: 5 } }, 20, "computed", "growth_stock", "hold"],
    [
      "numeric strings",
      { c: "100", metrics: { eps: "4", "pe/ratio": "99" } },
      25,
      "computed",
      "expensive",
      "sell",
    ],
    [
      "eps 0 falls back to the provider",
      { c: 100, metrics: { eps: 0, "pe/ratio": 12 } },
      12,
      "provider",
      "fair_value",
      "buy",
    ],
    ["eps 0 without provider", { c: 100, metrics: { eps: 0 } }, null, null, "insufficient_data", "unknown"],
    [
      "negative eps",
      { c: 100, metrics: { eps: -3, "pe/ratio": 12 } },
      null,
      null,
      "negative_earnings",
      "avoid",
    ],
    [
      "eps missing uses the provider",
      { c: 100, metrics: { "pe/ratio": 8 } },
      8,
      "provider",
      "undervalued",
      "buy",
    ],
    [
      "negative provider P/E",
      { c: 100, metrics: { "pe/ratio": -8 } },
      null,
      null,
      "negative_earnings",
      "avoid",
    ],
    [
      "provider P/E 0 is unusable",
      { c: 100, metrics: { "pe/ratio": 0 } },
      null,
      null,
      "insufficient_data",
      "unknown",
    ],
    [
      "price missing uses the provider",
      { metrics: { eps: 5, "pe/ratio": 30 } },
      30,
      "provider",
      "expensive",
      "sell",
    ],
    [
      "price 0 uses the provider",
      { c: 0, metrics: { eps: 5, "pe/ratio": 60 } },
      60,
      "provider",
      "highly_speculative",
      "sell",
    ],
    [
      "price missing, negative eps, no provider",
      { metrics: { eps: -1 } },
      null,
      null,
      "insufficient_data",
      "unknown",
    ],
    ["no metrics at all", { c: 100 }, null, null, "insufficient_data", "unknown"],
    ["metrics not an object", { c: 100, metrics: "n/a" }, null, null, "insufficient_data", "unknown"],
  ])("%s", (_name, quote, peRatio, peSource, category, signal) => {
    const result = analyse(quote);
    expect(result).toMatchObject({ peRatio, peSource, category, signal });
  });

  it("keeps full precision of price / eps", () => {
    expect(analyse({ c: 189.84, metrics: { eps: 6.43 } }).peRatio).toBe(189.84 / 6.43);
  });
});

describe("analyseEnvelope: threshold boundaries", () => {
  it.each([
    [9.999, "undervalued", "buy"],
    [10, "fair_value", "buy"],
    [14.999, "fair_value", "buy"],
    [15, "growth_stock", "hold"],
    [24.999, "growth_stock", "hold"],
    [25, "expensive", "sell"],
    [49.999, "expensive", "sell"],
    [50, "highly_speculative", "sell"],
  ])("P/E %d is %s / %s", (pe, category, signal) => {
    expect(analyse({ c: pe, metrics: { eps: 1 } })).toMatchObject({ peRatio: pe, category, signal });
  });

  it("uses configured thresholds", () => {
    const thresholds = { ...DEFAULT_THRESHOLDS, undervaluedBelow: 30, buyBelow: 30 };
    expect(analyse({ c: 20, metrics: { eps: 1 } }, thresholds)).toMatchObject({
      category: "undervalued",
      signal: "buy",
    });
  });
});

describe("analyseEnvelope: other fields", () => {
  it("computes the earnings yield whenever price is usable and eps is a number", () => {
    expect(analyse({ c: 200, metrics: { eps: -4 } }).earningsYield).toBe(-0.02);
    expect(analyse({ c: 200, metrics: { eps: 0 } }).earningsYield).toBe(0);
    expect(analyse({ c: 0, metrics: { eps: 4 } }).earningsYield).toBeNull();
    expect(analyse({ c: 200 }).earningsYield).toBeNull();
  });

  it("fills the Signal from the envelope and the delivery", () => {
    const signal = analyseEnvelope(envelopeFactory("AAPL"), meta);
    expect(signal).toEqual({
      symbol: "AAPL",
      observedAt: "2025-11-20T15:00:00.000Z",
      price: 189.84,
      eps: 6.43,
      peRatio: 189.84 / 6.43,
      peSource: "computed",
      earningsYield: 6.43 / 189.84,
      category: "expensive",
      signal: "sell",
      currency: "USD",
      ingestedAt: "2026-11-20T15:00:02.120Z",
      processedAt: "2026-11-20T15:00:03.010Z",
      sequenceNumber: "4966",
    });
  });

  it("reports a missing currency as null", () => {
    expect(analyse({ c: 1 }).currency).toBeNull();
  });
});

describe("analyseEnvelope: the edges docs/contracts.md section 2 decides", () => {
  it("a negative EPS with a price that is not usable (-5) is insufficient_data: rule 3 needs a usable price (rule 1)", () => {
    const signal = analyse({ c: -5, metrics: { eps: -2 } });
    expect(signal).toMatchObject({ peRatio: null, category: "insufficient_data", signal: "unknown" });
    expect(signal.earningsYield).toBeNull();
  });

  it("a price / EPS that overflows (1e308 / 1e-308) is no P/E: insufficient_data, never a category without a ratio", () => {
    const signal = analyse({ c: 1e308, metrics: { eps: 1e-308 } });
    expect(signal).toMatchObject({
      peRatio: null,
      peSource: null,
      category: "insufficient_data",
      signal: "unknown",
    });
    const stored = JSON.parse(JSON.stringify(signal));
    expect(stored.peRatio).toBeNull();
    expect(stored.earningsYield).toBe(1e-308 / 1e308);
  });

  it("falls through to the provider's P/E when price / EPS overflows (rule 4)", () => {
    expect(analyse({ c: 1e308, metrics: { eps: 1e-308, "pe/ratio": 80 } })).toMatchObject({
      peRatio: 80,
      peSource: "provider",
      category: "highly_speculative",
      signal: "sell",
    });
  });

  it("an earnings yield that overflows (EPS 1e308, price 1e-308) is null, as JSON has no Infinity", () => {
    expect(analyse({ c: 1e-308, metrics: { eps: 1e308 } }).earningsYield).toBeNull();
  });
});

describe("analyseEnvelope: Bavest's own P/E next to price / EPS", () => {
  it("keeps the provider's P/E when it differs from price / EPS by more than 1%", () => {
    const signal = analyse({ c: 100, metrics: { eps: 5, "pe/ratio": 22 } });
    expect(signal).toMatchObject({ peRatio: 20, peSource: "computed", providerPeRatio: 22 });
  });

  it.each([
    ["within 1%", 20.19],
    ["equal", 20],
    ["missing", undefined],
    ["zero (not usable)", 0],
  ])("leaves it out when it is %s", (_name, pe) => {
    const metrics: Record<string, unknown> = { eps: 5 };
    if (pe !== undefined) metrics["pe/ratio"] = pe;
    expect(analyse({ c: 100, metrics })).not.toHaveProperty("providerPeRatio");
  });

  it("keeps a negative provider P/E next to a positive computed one, and nothing when the P/E is the provider's", () => {
    expect(analyse({ c: 100, metrics: { eps: 5, "pe/ratio": -20 } }).providerPeRatio).toBe(-20);
    expect(analyse({ c: 100, metrics: { "pe/ratio": 30 } })).not.toHaveProperty("providerPeRatio");
  });
});
