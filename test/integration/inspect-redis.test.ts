import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisKeys } from "../../src/core/redisKeys.js";
import type { Signal } from "../../src/core/signal.js";
import { compactSignalJson } from "../../src/core/writePlan.js";
import { type LocalPipelineRecord, writeLocalPipelineRecord } from "../../src/local/state.js";
import { runInProcess } from "../helpers/inProcess.js";
import { localPipelineRecord } from "../helpers/localStream.js";
import { freePort } from "../helpers/ports.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";

let server: RedisServerHandle;
let redis: Redis;
let home: string;
const keys = redisKeys("bavest");

const runInHome = (args: string[]) => runInProcess(args, { BAVEST_SIGNALS_HOME: home });

function signalAt(symbol: string, hour: number, peRatio: number | null): Signal {
  return {
    symbol,
    observedAt: new Date(Date.UTC(2026, 10, 20, hour)).toISOString(),
    price: 100 + hour,
    eps: 5,
    peRatio,
    peSource: peRatio === null ? null : "computed",
    earningsYield: 0.05,
    category: peRatio === null ? "insufficient_data" : peRatio < 15 ? "fair_value" : "growth_stock",
    signal: peRatio === null ? "unknown" : peRatio < 15 ? "buy" : "hold",
    currency: "USD",
    ingestedAt: "2026-11-20T15:00:02.120Z",
    processedAt: "2026-11-20T15:00:03.010Z",
    sequenceNumber: String(hour),
  };
}

/** The compact value as an object (null and per-delivery fields left out). */
const compactSignalJsonOf = (signal: Signal): unknown => JSON.parse(compactSignalJson(signal));

function pipelineRecord(redisUrl: string): LocalPipelineRecord {
  return localPipelineRecord(home, { redis_primary_endpoint: new URL(redisUrl).host, redis_url: redisUrl });
}

/** Writes Signals with the contract's key layout (docs/contracts.md section 3). */
async function store(signals: Signal[], expired: Signal[] = []) {
  const write = redis.multi();
  for (const signal of [...signals, ...expired]) {
    const ms = Date.parse(signal.observedAt);
    write.zadd(keys.history(signal.symbol), ms, String(ms)).sadd(keys.symbols, signal.symbol);
    if (!expired.includes(signal))
      write.set(keys.peRatio(signal.symbol, ms), JSON.stringify(signal), "EX", 3600);
  }
  const newest = new Map<string, Signal>();
  for (const signal of signals) newest.set(signal.symbol, signal);
  for (const [symbol, signal] of newest) write.set(keys.latest(symbol), JSON.stringify(signal));
  await write.exec();
}

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url);
  home = await mkdtemp(join(tmpdir(), "bavest-inspect-"));
  await writeLocalPipelineRecord(pipelineRecord(server.url), { BAVEST_SIGNALS_HOME: home });
  await store(
    [
      signalAt("MSFT", 10, 30),
      signalAt("AAPL", 10, 12),
      signalAt("AAPL", 11, null),
      signalAt("AAPL", 13, 20),
    ],
    [signalAt("AAPL", 12, 18)],
  );
  await redis.lpush(
    keys.rejected,
    JSON.stringify({ reason: "symbol is missing", partitionKey: "X", data: "{}" }),
  );
});

afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
  await rm(home, { recursive: true, force: true });
});

describe("inspect --local against redis-server", () => {
  it("prints the latest Signal and the history newest first, skipping expired observations", async () => {
    const run = await runInHome(["inspect", "--local", "--json", "aapl"]);
    expect(run.code).toBe(0);
    const view = JSON.parse(run.stdout);
    expect(Object.keys(view)).toEqual(["symbol", "latest", "history"]);
    expect(view.symbol).toBe("AAPL");
    expect(view.latest.observedAt).toBe("2026-11-20T13:00:00.000Z");
    expect(view.history.map((s: Signal) => s.observedAt.slice(11, 13))).toEqual(["13", "11", "10"]);
  });

  it("honours --limit on the history", async () => {
    const view = JSON.parse(
      (await runInHome(["inspect", "--local", "--json", "AAPL", "--limit", "2"])).stdout,
    );
    // The two newest entries of the sorted set; the expired one (12:00) is skipped, not replaced.
    expect(view.history.map((s: Signal) => s.observedAt.slice(11, 13))).toEqual(["13"]);
  });

  it("shows a table and a P/E chart as text", async () => {
    const run = await runInHome(["inspect", "--local", "AAPL"]);
    expect(run.stdout).toMatch(/signal\s+hold/);
    expect(run.stdout).toContain("P/E over time");
    expect(run.stdout).toContain("20.00 |");
  });

  it("lists every tracked symbol, sorted", async () => {
    const run = await runInHome(["inspect", "--local", "--json"]);
    const document = JSON.parse(run.stdout);
    expect(document.symbols).toEqual(["AAPL", "MSFT"]);
    // Each symbol's latest Signal, sorted by symbol (docs/contracts.md section 6).
    expect(document.latest.map((s: Signal) => [s.symbol, s.observedAt.slice(11, 13)])).toEqual([
      ["AAPL", "13"],
      ["MSFT", "10"],
    ]);
    expect(document.latest[0]).toEqual(signalAt("AAPL", 13, 20));
    const text = await runInHome(["inspect", "--local"]);
    expect(text.stdout.split("\n")[2]).toMatch(
      /^MSFT\s+110\s+(USD|-)\s+30 \(computed\)\s+growth_stock\s+hold/,
    );
  });

  it("shows quarantined records with --rejected", async () => {
    const run = await runInHome(["inspect", "--local", "--json", "--rejected"]);
    expect(JSON.parse(run.stdout)).toEqual({
      rejected: [{ reason: "symbol is missing", partitionKey: "X", data: "{}" }],
    });
  });

  it("exits 1 for an unknown symbol, listing the tracked ones", async () => {
    const run = await runInHome(["inspect", "--local", "--json", "TSLA"]);
    expect(run.code).toBe(1);
    // Under --json the failure is the one document on stdout.
    expect(JSON.parse(run.stdout).error).toMatchObject({
      message: "No signals for TSLA. Tracked symbols: AAPL, MSFT.",
      exitCode: 1,
    });
    expect(run.stderr).toContain("No signals for TSLA. Tracked symbols: AAPL, MSFT.");
  });

  it("reads compact history values and the full values of earlier versions alike", async () => {
    const old = signalAt("NVDA", 10, 12);
    const compact = signalAt("NVDA", 11, null);
    const newest = signalAt("NVDA", 12, 20);
    await store([old, newest]);
    const ms = Date.parse(compact.observedAt);
    await redis.zadd(keys.history("NVDA"), ms, String(ms));
    await redis.set(keys.peRatio("NVDA", ms), JSON.stringify(compactSignalJsonOf(compact)), "EX", 3600);
    await redis.set(keys.peRatio("NVDA", Date.parse(newest.observedAt)), compactSignalJson(newest));
    const view = JSON.parse((await runInHome(["inspect", "--local", "--json", "NVDA"])).stdout);
    expect(view.history).toHaveLength(3);
    const [first, second, third] = view.history;
    // Compact values come back with their null fields; per-delivery fields are not known for them.
    expect(first).toEqual({
      ...newest,
      ingestedAt: undefined,
      processedAt: undefined,
      sequenceNumber: undefined,
    });
    expect(second).toMatchObject({ peRatio: null, peSource: null, category: "insufficient_data" });
    expect(third).toEqual(old);
    const text = await runInHome(["inspect", "--local", "NVDA"]);
    expect(text.stdout).toContain("P/E over time");
    expect(text.stdout).toContain("20.00 |");
    await redis.srem(keys.symbols, "NVDA");
  });

  it("exits 2 for a bad --limit and 1 with a clear message when Redis is gone", async () => {
    expect((await runInHome(["inspect", "--local", "AAPL", "--limit", "0"])).code).toBe(2);
    const closed = await freePort();
    await writeLocalPipelineRecord(pipelineRecord(`redis://127.0.0.1:${closed}`), {
      BAVEST_SIGNALS_HOME: home,
    });
    const run = await runInHome(["inspect", "--local", "AAPL"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `Cannot reach the Redis of the local pipeline at redis://127.0.0.1:${closed}`,
    );
    expect(run.stderr).toContain("bavest-signals dev");
  });
});
