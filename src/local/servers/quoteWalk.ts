/** A Bavest quote as far as the local stand-in needs to know it (other fields pass through). */
export interface Quote {
  c: number;
  pc?: number;
  t: number;
  metrics?: Record<string, unknown>;
  [field: string]: unknown;
}

/** Largest relative price move per call (0.5 %): enough to see history change, never a crash. */
export const MAX_STEP = 0.005;

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * The next quote of a random walk: the price moves by at most MAX_STEP, the day's fields and
 * the provider P/E follow the new price, and `t` is the time of the call. Pure: randomness
 * and time are arguments.
 */
export function nextQuote(previous: Quote, random: number, nowSeconds: number): Quote {
  const step = (random * 2 - 1) * MAX_STEP;
  const c = round(Math.max(0.01, previous.c * (1 + step)), 2);
  const pc = typeof previous.pc === "number" ? previous.pc : previous.c;
  const d = round(c - pc, 2);
  const next: Quote = { ...previous, c, d, dp: round((d / pc) * 100, 4), t: nowSeconds };
  if (typeof previous.h === "number") next.h = Math.max(previous.h, c);
  if (typeof previous.l === "number") next.l = Math.min(previous.l, c);
  const eps = Number(previous.metrics?.eps);
  if (previous.metrics && Number.isFinite(eps) && eps !== 0) {
    next.metrics = { ...previous.metrics, "pe/ratio": round(c / eps, 2) };
  }
  return next;
}

/** A plausible quote for a symbol the fixtures do not know, the same for the same symbol. */
export function syntheticQuote(symbol: string, nowSeconds: number): Quote {
  let hash = 0;
  for (const char of symbol) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const c = 20 + (hash % 48000) / 100;
  const eps = round(c / (5 + (hash % 60)), 2);
  return {
    c,
    d: 0,
    dp: 0,
    pc: c,
    t: nowSeconds,
    metrics: { eps, "pe/ratio": round(c / eps, 2) },
    currency: "USD",
  };
}

/**
 * Illustrative units of each currency per US dollar, for the stand-in only (not market data):
 * the fixtures are in USD, and the stand-in answers in the currency it was asked for.
 */
export const STAND_IN_RATES_PER_USD: Readonly<Record<string, number>> = {
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  CHF: 0.88,
  JPY: 150,
  CAD: 1.36,
  SEK: 10.5,
};

const PRICE_FIELDS = ["c", "d", "h", "l", "o", "pc"] as const;

/** The quote in another currency: prices and EPS converted, ratios and times unchanged. */
export function inCurrency(quote: Quote, currency: string, ratePerUsd: number): Quote {
  const converted: Quote = { ...quote, currency };
  for (const field of PRICE_FIELDS) {
    const value = quote[field];
    if (typeof value === "number") converted[field] = round(value * ratePerUsd, 4);
  }
  const eps = quote.metrics?.eps;
  if (quote.metrics && typeof eps === "number") {
    converted.metrics = { ...quote.metrics, eps: round(eps * ratePerUsd, 4) };
  }
  return converted;
}

/**
 * The quote as the v2 API sends it (StockSharp/Connectors BavestModels.cs BavestQuote, inside
 * `{"data": ...}` as https://docs.bavest.co/changelog says): camelCase, no metrics.
 */
export function v2QuoteOf(quote: Quote): Record<string, unknown> {
  return {
    currentPrice: quote.c,
    change: quote.d,
    changePercent: quote.dp,
    high: quote.h,
    low: quote.l,
    open: quote.o,
    previousClose: quote.pc,
    timestamp: quote.t,
    volume: quote.v,
    currency: quote.currency,
  };
}

/** v2's metrics as a typed array (the changelog's word for what replaced v0's flat metrics). */
export function v2MetricsOf(symbol: string, quote: Quote): Record<string, unknown> {
  const metrics = Object.entries(quote.metrics ?? {}).map(([name, value]) => ({
    name: name === "pe/ratio" ? "peRatio" : name,
    value,
  }));
  return { symbol, currency: quote.currency, metrics };
}
