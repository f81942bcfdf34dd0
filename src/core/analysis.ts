import { type Envelope, observedAtOf } from "./envelope.js";
import {
  type Category,
  DEFAULT_THRESHOLDS,
  type Signal,
  type SignalAction,
  type Thresholds,
} from "./signal.js";

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A finite JSON number, or a string that is entirely a decimal number ("6.43"); else null. */
export function num(x: unknown): number | null {
  if (typeof x === "number") return Number.isFinite(x) ? x : null;
  if (typeof x === "string" && DECIMAL.test(x)) {
    const value = Number(x);
    return Number.isFinite(value) ? value : null;
  }
  return null;
}

function categoryOf(pe: number, t: Thresholds): Category {
  if (pe < t.undervaluedBelow) return "undervalued";
  if (pe < t.fairValueBelow) return "fair_value";
  if (pe < t.growthBelow) return "growth_stock";
  if (pe < t.expensiveBelow) return "expensive";
  return "highly_speculative";
}

function actionOf(pe: number, t: Thresholds): SignalAction {
  if (pe < t.buyBelow) return "buy";
  if (pe < t.holdBelow) return "hold";
  return "sell";
}

type Valuation = Pick<Signal, "peRatio" | "peSource" | "category" | "signal">;

const NEGATIVE: Valuation = { peRatio: null, peSource: null, category: "negative_earnings", signal: "avoid" };
const INSUFFICIENT: Valuation = {
  peRatio: null,
  peSource: null,
  category: "insufficient_data",
  signal: "unknown",
};

/** Rules 2-5 of CONTRACTS section 2, in order. */
function valuationOf(
  price: number | null,
  eps: number | null,
  providerPe: number | null,
  t: Thresholds,
): Valuation {
  const priceUsable = price !== null && price > 0;
  const rated = (peRatio: number, peSource: Signal["peSource"]): Valuation => ({
    peRatio,
    peSource,
    category: categoryOf(peRatio, t),
    signal: actionOf(peRatio, t),
  });
  if (priceUsable && eps !== null && eps > 0) return rated(price / eps, "computed");
  if (priceUsable && eps !== null && eps < 0) return NEGATIVE;
  if (providerPe !== null && providerPe > 0) return rated(providerPe, "provider");
  if (providerPe !== null && providerPe < 0) return NEGATIVE;
  return INSUFFICIENT;
}

function metricsOf(quote: Record<string, unknown>): Record<string, unknown> {
  const metrics = quote.metrics;
  return typeof metrics === "object" && metrics !== null ? (metrics as Record<string, unknown>) : {};
}

/** Analyses one envelope into a Signal. Pure: the same inputs always give the same Signal. */
export function analyseEnvelope(
  envelope: Envelope,
  meta: { sequenceNumber: string; processedAt: Date },
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): Signal {
  const { quote } = envelope;
  const metrics = metricsOf(quote);
  const price = num(quote.c);
  const eps = num(metrics.eps);
  const providerPe = num(metrics["pe/ratio"]);
  const valuation = valuationOf(price, eps, providerPe, thresholds);
  const earningsYield = price !== null && price > 0 && eps !== null ? eps / price : null;
  return {
    symbol: envelope.symbol,
    observedAt: observedAtOf(envelope).toISOString(),
    price,
    eps,
    peRatio: valuation.peRatio,
    peSource: valuation.peSource,
    earningsYield,
    category: valuation.category,
    signal: valuation.signal,
    currency: typeof quote.currency === "string" ? quote.currency : null,
    ingestedAt: envelope.fetchedAt,
    processedAt: meta.processedAt.toISOString(),
    sequenceNumber: meta.sequenceNumber,
  };
}
