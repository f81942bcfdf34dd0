import { describe, expect, it } from "vitest";
import { fetchQuote } from "../../../src/lambdas/ingestion/bavestClient.js";
import { createRateLimiter } from "../../../src/lambdas/ingestion/rateLimiter.js";
import { symbolsForEvent } from "../../../src/lambdas/ingestion/settings.js";

/** A clock that only moves when someone sleeps: start times are exact, tests never wait. */
function virtualClock() {
  let now = 0;
  const timers: { at: number; resolve: () => void }[] = [];
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      timers.push({ at: now + ms, resolve });
    });
  const run = async (work: Promise<unknown>) => {
    let done = false;
    void work.finally(() => {
      done = true;
    });
    while (!done) {
      await new Promise((r) => setImmediate(r));
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

describe("the shared request rate", () => {
  it("spaces requests of a whole pool at the configured rate", async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 100, now: clock.now, sleep: clock.sleep });
    const starts: number[] = [];
    const worker = async () => {
      for (let i = 0; i < 25; i += 1) {
        await limiter.acquire();
        starts.push(clock.now());
      }
    };
    await clock.run(Promise.all([worker(), worker(), worker(), worker()]));
    expect(starts).toHaveLength(100);
    expect(Math.max(...starts)).toBe(990);
    const sorted = [...starts].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i += 1) expect((sorted[i] ?? 0) - (sorted[i - 1] ?? 0)).toBe(10);
  });

  it("pauses every request after a 429 and then goes slower", async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 10, now: clock.now, sleep: clock.sleep });
    await clock.run(limiter.acquire());
    limiter.throttled(2_000);
    expect(limiter.currentRate()).toBeLessThan(10);
    const starts: number[] = [];
    await clock.run(
      Promise.all(
        [1, 2, 3].map(async () => {
          await limiter.acquire();
          starts.push(clock.now());
        }),
      ),
    );
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(2_000);
    for (let i = 0; i < 200; i += 1) limiter.answered();
    expect(limiter.currentRate()).toBe(10);
  });

  it("makes a 429 slow the pool down rather than each request retrying on its own", async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 50, now: clock.now, sleep: clock.sleep });
    let calls = 0;
    const fakeFetch = (async () => {
      calls += 1;
      if (calls === 3) return new Response("slow down", { status: 429, headers: { "retry-after": "1" } });
      return new Response(JSON.stringify({ c: 1, t: 1_763_650_800 }), { status: 200 });
    }) as typeof fetch;
    const options = {
      apiUrl: "http://127.0.0.1:9/v0",
      apiKey: "k",
      timeoutMs: 1000,
      maxAttempts: 3,
      backoff: { baseMs: 1, capMs: 1 },
      maxRetryAfterMs: 5_000,
      fetch: fakeFetch,
      sleep: clock.sleep,
      limiter,
    };
    const results = await clock.run(
      Promise.all(["A", "B", "C", "D", "E"].map((symbol) => fetchQuote(symbol, options))),
    );
    expect((results as { ok: boolean }[]).every((result) => result.ok)).toBe(true);
    expect(calls).toBe(6);
    expect(clock.now()).toBeGreaterThanOrEqual(1_000);
  });
});

describe("the symbols of an invocation", () => {
  it("takes the event's slice over SYMBOLS, normalised", () => {
    expect(symbolsForEvent({ symbols: [" aapl", "MSFT", "aapl"] }, ["X"])).toEqual(["AAPL", "MSFT"]);
    expect(symbolsForEvent({}, ["X"])).toEqual(["X"]);
    expect(symbolsForEvent(undefined, ["X"])).toEqual(["X"]);
  });

  it("names a bad entry and the case with no symbols at all", () => {
    expect(() => symbolsForEvent({ symbols: ["AAPL", "not valid"] }, [])).toThrow(
      /"symbols" contains "not valid"/,
    );
    expect(() => symbolsForEvent({ symbols: "AAPL" }, [])).toThrow(/must be an array/);
    expect(() => symbolsForEvent({}, [])).toThrow(/SYMBOLS is not set/);
  });
});

describe("an invocation near its timeout", () => {
  it("stops starting requests and still writes what it fetched", async () => {
    const { createIngestionHandler } = await import("../../../src/lambdas/ingestion/handler.js");
    const written: string[] = [];
    let remaining = 60_000;
    const handler = createIngestionHandler({
      kinesis: {
        async send(command) {
          const records = (command as { input: { Records: { PartitionKey: string }[] } }).input.Records;
          written.push(...records.map((record) => record.PartitionKey));
          return {
            FailedRecordCount: 0,
            Records: records.map((_, i) => ({ SequenceNumber: String(i), ShardId: "s" })),
          };
        },
      },
      fetch: (async () => {
        remaining -= 25_000; // after two answers less than the reserve (a fifth of 60 s) is left
        return new Response(JSON.stringify({ c: 1, t: 1_763_650_800 }), { status: 200 });
      }) as typeof fetch,
      settings: {
        streamName: "s",
        apiUrl: "http://127.0.0.1:9/v0",
        symbols: [],
        concurrency: 1,
        timeoutMs: 1000,
        maxAttempts: 1,
        backoff: { baseMs: 1, capMs: 1 },
        maxRetryAfterMs: 1,
        putMaxAttempts: 1,
        apiKey: { apiKey: "k" },
      },
      logger: { info() {}, warn() {}, error() {}, debug() {} } as never,
    });
    const summary = await handler(
      { symbols: ["A", "B", "C", "D"] },
      { getRemainingTimeInMillis: () => remaining },
    );
    expect(written).toEqual(["A", "B"]);
    expect(summary.failures.map((f) => [f.symbol, f.reason])).toEqual([
      ["C", "not fetched: the invocation ran out of time"],
      ["D", "not fetched: the invocation ran out of time"],
    ]);
  });
});
