import type { Redis } from "ioredis";
import type { RedisKeys } from "../core/redisKeys.js";
import { changeOf, type StreamEntry } from "../inspect/changes.js";
import { errorMessage } from "../lib/errors.js";
import type { RedisFacts } from "./types.js";

/** How many entries of the changes feed status shows. */
const RECENT_CHANGES = 3;

/** How many latest keys are read to find the newest observation; enough for any watchlist. */
const MAX_LATEST_READ = 1_000;

/** The value of `field` in an INFO section (`used_memory:1234`). */
export function infoField(info: string, field: string): number | null {
  const match = new RegExp(`^${field}:(\\d+)`, "m").exec(info);
  return match ? Number(match[1]) : null;
}

/** The newest `observedAt` and `processedAt` among Signal JSON documents, as epoch ms. */
export function newestTimes(documents: ReadonlyArray<string | null>): {
  observed: number | null;
  written: number | null;
} {
  let observed: number | null = null;
  let written: number | null = null;
  for (const document of documents) {
    if (!document) continue;
    try {
      const signal = JSON.parse(document) as { observedAt?: unknown; processedAt?: unknown };
      const o = typeof signal.observedAt === "string" ? Date.parse(signal.observedAt) : Number.NaN;
      const w = typeof signal.processedAt === "string" ? Date.parse(signal.processedAt) : Number.NaN;
      if (Number.isFinite(o)) observed = Math.max(observed ?? o, o);
      if (Number.isFinite(w)) written = Math.max(written ?? w, w);
    } catch {
      // A latest key that is not JSON says nothing about freshness.
    }
  }
  return { observed, written };
}

/** Symbols, keys, memory against maxmemory, and how fresh the newest Signal is. */
export async function readRedisFacts(redis: Redis, keys: RedisKeys, now: number): Promise<RedisFacts> {
  const [symbols, dbsize, info, changes] = await Promise.all([
    redis.scard(keys.symbols),
    redis.dbsize(),
    redis.info("memory"),
    redis.xrevrange(keys.changes, "+", "-", "COUNT", RECENT_CHANGES) as Promise<StreamEntry[]>,
  ]);
  const members = (await redis.srandmember(keys.symbols, MAX_LATEST_READ)) as string[];
  const latest = members.length > 0 ? await redis.mget(...members.map((symbol) => keys.latest(symbol))) : [];
  const newest = newestTimes(latest);
  return {
    reachable: true,
    symbols,
    keys: dbsize,
    memoryUsedBytes: infoField(info, "used_memory"),
    memoryMaxBytes: infoField(info, "maxmemory"),
    newestObservationAgeMs: newest.observed === null ? null : Math.max(0, now - newest.observed),
    newestWriteAgeMs: newest.written === null ? null : Math.max(0, now - newest.written),
    recentChanges: changes.map(changeOf),
  };
}

/** What `status` reports when it cannot reach Redis: the reason, no numbers. */
export function unreachableRedis(error: unknown): RedisFacts {
  return {
    reachable: false,
    error: errorMessage(error),
    symbols: null,
    keys: null,
    memoryUsedBytes: null,
    memoryMaxBytes: null,
    newestObservationAgeMs: null,
    newestWriteAgeMs: null,
  };
}
