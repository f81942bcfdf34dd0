import type { Redis } from "ioredis";
import type { RedisKeys } from "../core/redisKeys.js";
import { changeOf, type SignalChange, type StreamEntry } from "./changes.js";

export type FollowRedis = Pick<Redis, "xread" | "xrevrange" | "disconnect">;

export interface FollowOptions {
  /** Ends the follow: the blocking read is cut by closing the connection. */
  signal: AbortSignal;
  onChange: (change: SignalChange) => void;
  /** Only this symbol's changes. */
  symbol?: string;
  /** How long one XREAD blocks before it is issued again. */
  blockMs?: number;
}

/**
 * Follows the changes stream from its current end until `signal` aborts: XREAD BLOCK from the
 * id of the last entry seen, so no entry written between two reads is missed. Resolves once
 * aborted; a lost connection rejects.
 */
export async function followChanges(
  redis: FollowRedis,
  keys: RedisKeys,
  options: FollowOptions,
): Promise<void> {
  const blockMs = options.blockMs ?? 5_000;
  const stopped = new Promise<void>((resolve) => {
    if (options.signal.aborted) resolve();
    options.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  // A blocked XREAD holds the connection: closing it is the only way to end the read at once.
  stopped.then(() => redis.disconnect());
  try {
    const newest = (await redis.xrevrange(keys.changes, "+", "-", "COUNT", 1)) as StreamEntry[];
    let lastId = newest[0]?.[0] ?? "0-0";
    while (!options.signal.aborted) {
      const reply = (await redis.xread("BLOCK", blockMs, "STREAMS", keys.changes, lastId)) as
        | [string, StreamEntry[]][]
        | null;
      for (const [, entries] of reply ?? []) {
        for (const entry of entries) {
          lastId = entry[0];
          const change = changeOf(entry);
          if (options.symbol === undefined || change.symbol === options.symbol) options.onChange(change);
        }
      }
    }
  } catch (error) {
    if (!options.signal.aborted) throw error;
  }
}
