import type { Redis } from "ioredis";
import { redisKeys } from "../../../src/core/redisKeys.js";
import { envelopeFactory } from "../../helpers/factories.js";

/** Unix seconds of the first observation; each later one is a minute on. */
const FIRST_T = 1_763_650_800;

/** One envelope per (symbol, minute): `count` observations spread round-robin over `symbols`. */
export function observations(symbols: readonly string[], count: number, offset = 0): object[] {
  return Array.from({ length: count }, (_, i) => {
    const n = i + offset;
    const symbol = symbols[n % symbols.length] as string;
    const minute = Math.floor(n / symbols.length);
    return envelopeFactory(symbol, { t: FIRST_T + minute * 60, c: 100 + minute });
  });
}

export const jsonLines = (records: readonly object[]): string =>
  `${records.map((r) => JSON.stringify(r)).join("\n")}\n`;

/** The observedAt (ms) of every observation of each symbol, as the envelopes say. */
export function expectedHistory(records: readonly object[]): Map<string, number[]> {
  const bySymbol = new Map<string, Set<number>>();
  for (const record of records as Array<{ symbol: string; quote: { t: number } }>) {
    const set = bySymbol.get(record.symbol) ?? new Set<number>();
    set.add(record.quote.t * 1000);
    bySymbol.set(record.symbol, set);
  }
  return new Map([...bySymbol].map(([symbol, set]) => [symbol, [...set].sort((a, b) => a - b)]));
}

export interface StoredSymbol {
  /** pe_history members, ascending. */
  history: number[];
  /** observedAt of every pe_ratio key that exists. */
  signals: number[];
  latestObservedAtMs: number | null;
}

/** What Redis holds for a symbol: its history, its per-observation keys and its latest. */
export async function storedSymbol(redis: Redis, symbol: string): Promise<StoredSymbol> {
  const keys = redisKeys();
  const history = (await redis.zrange(keys.history(symbol), 0, "-1")).map(Number);
  const existing = await Promise.all(history.map((ms) => redis.exists(keys.peRatio(symbol, ms))));
  const latest = await redis.get(keys.latest(symbol));
  return {
    history,
    signals: history.filter((_, i) => existing[i] === 1),
    latestObservedAtMs: latest ? Date.parse((JSON.parse(latest) as { observedAt: string }).observedAt) : null,
  };
}

/** Symbols whose stored history differs from the expected one (empty when all match). */
export async function historyMismatches(
  redis: Redis,
  expected: Map<string, number[]>,
): Promise<Array<{ symbol: string; expected: number; stored: number }>> {
  const problems: Array<{ symbol: string; expected: number; stored: number }> = [];
  for (const [symbol, times] of expected) {
    const stored = await storedSymbol(redis, symbol);
    const same =
      stored.history.length === times.length &&
      stored.history.every((ms, i) => ms === times[i]) &&
      stored.signals.length === times.length;
    if (!same) problems.push({ symbol, expected: times.length, stored: stored.signals.length });
  }
  return problems;
}
