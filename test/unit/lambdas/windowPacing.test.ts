import { describe, expect, it } from "vitest";
import { fetchQuote } from "../../../src/lambdas/ingestion/bavestClient.js";
import { mapWithConcurrency } from "../../../src/lambdas/ingestion/pool.js";
import { createRateLimiter } from "../../../src/lambdas/ingestion/rateLimiter.js";
import { fixedWindowLimit } from "../../../src/local/servers/fakeBavest.js";

/** A clock that only moves when someone sleeps: every start and arrival time is exact. */
function virtualClock() {
  let now = 0;
  const timers: { at: number; resolve: () => void }[] = [];
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      timers.push({ at: now + Math.max(0, ms), resolve });
    });
  const run = async <T>(work: Promise<T>): Promise<T> => {
    let done = false;
    void work.finally(() => {
      done = true;
    });
    while (!done) {
      for (let i = 0; i < 8; i += 1) await new Promise((r) => setImmediate(r));
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift();
      if (next) {
        now = Math.max(now, next.at);
        next.resolve();
      }
    }
    return work;
  };
  return { now: () => now, sleep, run };
}

/** A deterministic 0..1 sequence (LCG), so the run is the same every time. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * The stand-in's limit (its `--api-rate-limit`: requests per fixed one-second window, 429
 * above) on the virtual clock; each request reaches it after a network delay of up to `jitterMs`.
 */
function windowCountingApi(clock: ReturnType<typeof virtualClock>, limit: number, jitterMs: number) {
  const random = seeded(42);
  const window = fixedWindowLimit(limit, clock.now);
  let throttled = 0;
  const fetch = (async () => {
    await clock.sleep(Math.floor(random() * jitterMs));
    const admitted = window.take();
    await clock.sleep(40);
    if (!admitted.ok) {
      throttled += 1;
      const headers = { "retry-after": String(admitted.retryAfterSeconds) };
      return new Response('{"message":"Too Many Requests"}', { status: 429, headers });
    }
    return new Response(JSON.stringify({ c: 100, t: 1_763_650_800, metrics: { eps: 5 } }), { status: 200 });
  }) as typeof globalThis.fetch;
  return { fetch, throttled: () => throttled };
}

describe("ingestion at a plan limit counted per second", () => {
  it("never crosses a window-counting limit when paced at that limit, network jitter included", async () => {
    const clock = virtualClock();
    const api = windowCountingApi(clock, 100, 20);
    const limiter = createRateLimiter({ requestsPerSecond: 100, now: clock.now, sleep: clock.sleep });
    const symbols = Array.from({ length: 1_000 }, (_, i) => `SYM${i}`);
    const results = await clock.run(
      mapWithConcurrency(symbols, 8, (symbol) =>
        fetchQuote(symbol, {
          apiUrl: "http://127.0.0.1:9/v0",
          apiKey: "k",
          timeoutMs: 5_000,
          maxAttempts: 6,
          backoff: { baseMs: 200, capMs: 5_000 },
          maxRetryAfterMs: 10_000,
          fetch: api.fetch,
          sleep: clock.sleep,
          limiter,
        }),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(api.throttled()).toBe(0);
    // Pacing below the limit must not cost much: within 1.2x of 1,000 requests / 100 per second.
    expect(clock.now()).toBeLessThanOrEqual(12_000);
  });

  it("still backs off together when the API answers 429 anyway (a limit lower than configured)", async () => {
    const clock = virtualClock();
    const api = windowCountingApi(clock, 60, 5);
    const limiter = createRateLimiter({ requestsPerSecond: 100, now: clock.now, sleep: clock.sleep });
    const symbols = Array.from({ length: 300 }, (_, i) => `SYM${i}`);
    const results = await clock.run(
      mapWithConcurrency(symbols, 8, (symbol) =>
        fetchQuote(symbol, {
          apiUrl: "http://127.0.0.1:9/v0",
          apiKey: "k",
          timeoutMs: 5_000,
          maxAttempts: 8,
          backoff: { baseMs: 200, capMs: 5_000 },
          maxRetryAfterMs: 10_000,
          fetch: api.fetch,
          sleep: clock.sleep,
          limiter,
        }),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(api.throttled()).toBeGreaterThan(0);
    expect(limiter.currentRate()).toBeLessThan(100);
  });
});
