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
