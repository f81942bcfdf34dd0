import type { Redis } from "ioredis";
import type { RedisKeys } from "../core/redisKeys.js";
import type { Signal } from "../core/signal.js";

/** The Redis commands inspect uses; an ioredis client (direct or through a tunnel) has them. */
export type InspectRedis = Pick<Redis, "get" | "mget" | "smembers" | "zrevrange" | "lrange" | "xrevrange">;

/** One tracked symbol with its newest Signal (null when that key is gone). */
export interface TrackedSymbol {
  symbol: string;
  latest: Signal | null;
}

/** `inspect SYMBOL --json` (docs/contracts.md section 6): newest first. */
export interface SymbolView {
  symbol: string;
  latest: Signal | null;
  history: Signal[];
}

/** Every symbol in the symbols set, sorted. */
export async function readSymbolNames(redis: InspectRedis, keys: RedisKeys): Promise<string[]> {
  return (await redis.smembers(keys.symbols)).sort();
}

/** Every tracked symbol with its latest Signal, one MGET for all of them. */
export async function readTrackedSymbols(redis: InspectRedis, keys: RedisKeys): Promise<TrackedSymbol[]> {
  const symbols = await readSymbolNames(redis, keys);
  if (symbols.length === 0) return [];
  const values = await redis.mget(...symbols.map((symbol) => keys.latest(symbol)));
  return symbols.map((symbol, i) => ({ symbol, latest: parseSignal(values[i]) }));
}

/**
 * The latest Signal and the newest `limit` observations: ZREVRANGE on the history sorted set,
 * then one MGET of the per-observation keys. Observations whose key has expired are skipped.
 */
export async function readSymbolView(
  redis: InspectRedis,
  keys: RedisKeys,
  symbol: string,
  limit: number,
): Promise<SymbolView> {
  const [latestText, members] = await Promise.all([
    redis.get(keys.latest(symbol)),
    limit > 0 ? redis.zrevrange(keys.history(symbol), 0, limit - 1) : Promise.resolve([] as string[]),
  ]);
  const values =
    members.length > 0 ? await redis.mget(...members.map((ms) => keys.peRatio(symbol, Number(ms)))) : [];
  const history = values
    .map((value) => withNullFields(parseSignal(value)))
    .filter((signal): signal is Signal => signal !== null);
  return { symbol, latest: parseSignal(latestText), history };
}

/** The newest `limit` quarantined records; an entry that is not JSON is shown as `{ raw }`. */
export async function readRejected(redis: InspectRedis, keys: RedisKeys, limit: number): Promise<unknown[]> {
  if (limit <= 0) return [];
  const entries = await redis.lrange(keys.rejected, 0, limit - 1);
  return entries.map((entry) => {
    try {
      return JSON.parse(entry) as unknown;
    } catch {
      return { raw: entry };
    }
  });
}

/** Fields a compact history value leaves out when they are null (docs/contracts.md section 3). */
const NULLABLE_FIELDS = ["price", "eps", "peRatio", "peSource", "earningsYield", "currency"] as const;

/**
 * A stored observation as a Signal: compact values (written since history left out null and
 * per-delivery fields) get their null fields back, so readers see one shape for old and new
 * values. The per-delivery fields stay absent: they are not known for a compact value.
 */
export function withNullFields(signal: Signal | null): Signal | null {
  if (signal === null) return null;
  const missing = NULLABLE_FIELDS.filter((field) => !(field in signal));
  if (missing.length === 0) return signal;
  return { ...signal, ...Object.fromEntries(missing.map((field) => [field, null])) } as Signal;
}

function parseSignal(text: string | null | undefined): Signal | null {
  if (text === null || text === undefined) return null;
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null ? (value as Signal) : null;
  } catch {
    return null;
  }
}
