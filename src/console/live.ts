import type { Redis } from "ioredis";
import type { RedisKeys } from "../core/redisKeys.js";
import type { Signal } from "../core/signal.js";
import type { SignalChange } from "../inspect/changes.js";
import { followChanges } from "../inspect/follow.js";
import { readSymbolView, readTrackedSymbols } from "../inspect/read.js";
import { errorMessage } from "../lib/errors.js";
import type { RedisLink } from "./redisLink.js";

/** What the page is told as it happens (sent as Server-Sent Events). */
export type LiveEvent =
  | { type: "redis"; state: "connecting" | "connected" | "down"; error?: string }
  | { type: "change"; change: SignalChange; latest: Signal | null }
  | { type: "observations"; latest: Signal[] };

export interface LiveFeedOptions {
  keys: RedisKeys;
  /** A dedicated connection for the blocking XREAD (it holds the connection while it waits). */
  connectFollower: () => Promise<Redis>;
  /** The connection the other reads share. */
  reader: RedisLink;
  /** How often the latest values are compared, for observations that change no signal. */
  pollMs?: number;
  /** How long to wait before reaching for a Redis that went away again. */
  retryMs?: number;
  signal: AbortSignal;
}

export interface LiveFeed {
  subscribe(listener: (event: LiveEvent) => void): () => void;
  /** The Redis state now, for a page that just connected. */
  state(): LiveEvent & { type: "redis" };
}

/** Waits `ms`, or less when `signal` aborts; leaves no listener behind either way. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** A signal that aborts with `parent` and can be let go of once one follow round ends. */
function roundSignal(parent: AbortSignal): { signal: AbortSignal; release: () => void } {
  const round = new AbortController();
  const relay = () => round.abort();
  if (parent.aborted) round.abort();
  parent.addEventListener("abort", relay, { once: true });
  return { signal: round.signal, release: () => parent.removeEventListener("abort", relay) };
}

/**
 * Follows `bavest:changes` (as `watch` does) on its own connection and compares the latest
 * values every `pollMs`, telling every subscriber; a Redis that goes away is reported as
 * `down` and reached for again every `retryMs` until it is back (`connected`).
 */
export function startLiveFeed(options: LiveFeedOptions): LiveFeed {
  const listeners = new Set<(event: LiveEvent) => void>();
  let state: LiveEvent & { type: "redis" } = { type: "redis", state: "connecting" };
  const emit = (event: LiveEvent) => {
    if (event.type === "redis") state = event;
    for (const listener of listeners) listener(event);
  };
  void followLoop(options, emit);
  void pollLoop(options, emit);
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    state: () => state,
  };
}

async function followLoop(options: LiveFeedOptions, emit: (event: LiveEvent) => void): Promise<void> {
  const { signal, keys } = options;
  while (!signal.aborted) {
    const round = roundSignal(signal);
    try {
      const redis = await options.connectFollower();
      if (signal.aborted) return redis.disconnect();
      emit({ type: "redis", state: "connected" });
      await followChanges(redis, keys, {
        signal: round.signal,
        onChange: (change) => void pushChange(options, change, emit),
      });
    } catch (error) {
      if (signal.aborted) return;
      emit({ type: "redis", state: "down", error: errorMessage(error) });
      await sleep(options.retryMs ?? 1_000, signal);
    } finally {
      round.release();
    }
  }
}

async function pushChange(options: LiveFeedOptions, change: SignalChange, emit: (event: LiveEvent) => void) {
  const latest = await options.reader
    .client()
    .then((redis) => readSymbolView(redis, options.keys, change.symbol, 0))
    .then((view) => view.latest)
    .catch(() => null);
  emit({ type: "change", change, latest });
}

/** Identity of a stored latest value: a newer observation or a new delivery changes it. */
const versionOf = (signal: Signal) => `${signal.observedAt}|${signal.processedAt ?? ""}`;

/** Compares every latest value with the previous poll's; the first poll only takes note. */
async function pollLoop(options: LiveFeedOptions, emit: (event: LiveEvent) => void) {
  const seen = new Map<string, string>();
  let primed = false;
  while (!options.signal.aborted) {
    try {
      const tracked = await readTrackedSymbols(await options.reader.client(), options.keys);
      const fresh: Signal[] = [];
      for (const { symbol, latest } of tracked) {
        if (latest === null) continue;
        const version = versionOf(latest);
        if (seen.get(symbol) !== version) fresh.push(latest);
        seen.set(symbol, version);
      }
      if (primed && fresh.length > 0) emit({ type: "observations", latest: fresh });
      primed = true;
    } catch {
      // The follower reports the outage; the next poll tries again.
    }
    await sleep(options.pollMs ?? 2_000, options.signal);
  }
}
