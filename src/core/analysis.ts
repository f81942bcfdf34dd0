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

/** Relative difference above which Bavest's P/E and price / EPS are said to disagree. */
export const PE_DISAGREEMENT_RATIO = 0.01;

/**
 * Rules 2-5 of docs/contracts.md section 2, in order. Two edges the rules leave open, decided here:
 * - Rule 1 makes a price usable only when > 0, and rules 2 and 3 both need a usable price: a
 *   negative EPS with a price <= 0 (price -5, EPS -2) is not rule 3's `negative_earnings` but,
 *   without a usable provider P/E, rule 5's `insufficient_data`.
 * - Rule 2's `price / eps` can overflow (price 1e308, EPS 1e-308 gives Infinity). Rule 1's `num`
 *   admits only finite numbers, and a Signal's category must follow from its `peRatio` (JSON has
 *   no Infinity): a ratio that is not finite is no P/E, so rule 2 does not apply and the record
 *   falls through to rule 4 (a usable provider P/E) or rule 5 (`insufficient_data`). It is not
 *   rule 3 either: EPS is positive.
 */
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
  const computed = priceUsable && eps !== null && eps > 0 ? price / eps : null;
  if (computed !== null && Number.isFinite(computed)) return rated(computed, "computed");
  if (priceUsable && eps !== null && eps < 0) return NEGATIVE;
  if (providerPe !== null && providerPe > 0) return rated(providerPe, "provider");
  if (providerPe !== null && providerPe < 0) return NEGATIVE;
  return INSUFFICIENT;
}

/**
 * Bavest's own P/E when it disagrees with the computed one by more than 1% of the computed one
 * (either sign: a negative provider P/E next to a positive computed one disagrees too); else null.
 */
function disagreeingProviderPe(valuation: Valuation, providerPe: number | null): number | null {
  if (valuation.peSource !== "computed" || valuation.peRatio === null) return null;
  if (providerPe === null || providerPe === 0) return null;
  const computed = valuation.peRatio;
  return Math.abs(providerPe - computed) > PE_DISAGREEMENT_RATIO * Math.abs(computed) ? providerPe : null;
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
  const ratio = price !== null && price > 0 && eps !== null ? eps / price : null;
  // eps / price overflows like price / eps (EPS 1e308, price 1e-308): null, as JSON has no Infinity.
  const earningsYield = ratio !== null && Number.isFinite(ratio) ? ratio : null;
  const signal: Signal = {
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
  const disagreeing = disagreeingProviderPe(valuation, providerPe);
  if (disagreeing !== null) signal.providerPeRatio = disagreeing;
  return signal;
}
