import { mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisKeys } from "../../src/core/redisKeys.js";
import { createOutput } from "../../src/lib/output.js";
import { createPipelineStats } from "../../src/local/pipeline/pipelineStats.js";
import { startStatsWriter } from "../../src/local/pipeline/statsWriter.js";
import { writeLocalPipelineRecord } from "../../src/local/state.js";
import { renderStatus } from "../../src/status/render.js";
import { runStatus } from "../../src/status/run.js";
import { localPipelineRecord } from "../helpers/localStream.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";

let redis: RedisServerHandle;
let home: string;
const env = () => ({ BAVEST_SIGNALS_HOME: home });

beforeAll(async () => {
  redis = await startRedis({ extraArgs: ["--maxmemory", "64mb"] });
  home = await mkdtemp(join(tmpdir(), "bavest-status-"));
  const runDir = join(home, "local");
  await mkdir(runDir, { recursive: true });
  const record = localPipelineRecord(home, {
    redis_primary_endpoint: `127.0.0.1:${redis.port}`,
    redis_url: redis.url,
    bavest_api_url: "http://127.0.0.1:1",
    runDir,
    deadLetterFile: join(runDir, "dead-letter.jsonl"),
    statsFile: join(runDir, "stats.json"),
  });
  await writeLocalPipelineRecord(record, env());
  const stats = createPipelineStats({ shards: 1, ingestEveryMs: null });
  stats.listener.onBatch?.({ shardId: "s", records: 5, rejected: 1, failed: 0, iteratorAgeMs: 40 });
  await startStatsWriter(stats, join(runDir, "stats.json")).stop();
  const client = new Redis(redis.url);
  const keys = redisKeys("bavest");
  const signal = (symbol: string, observedAt: string) =>
    JSON.stringify({ symbol, observedAt, processedAt: new Date().toISOString() });
  await client.sadd(keys.symbols, "AAPL", "MSFT");
  await client.set(keys.latest("AAPL"), signal("AAPL", "2025-11-20T15:10:00.000Z"));
  await client.set(keys.latest("MSFT"), signal("MSFT", "2025-11-20T15:20:00.000Z"));
  client.disconnect();
});

afterAll(async () => {
  await redis.stop();
});

describe("status --local against its counters file and a real Redis", () => {
  it("reads the counters and Redis: symbols, keys, memory against maxmemory, newest observation", async () => {
    const now = Date.parse("2025-11-20T15:30:00.000Z");
    const report = await runStatus(
      { local: true, stack: "dev", env: env() },
      { output: createOutput(), now: () => now },
    );
    expect(report.processing.windows["60m"]).toBeDefined();
    expect(report.redis).toMatchObject({
      reachable: true,
      symbols: 2,
      keys: 3,
      memoryMaxBytes: 64 * 1024 * 1024,
      newestObservationAgeMs: 10 * 60_000,
      health: "healthy",
    });
    expect(report.redis.memoryUsedBytes).toBeGreaterThan(0);
  });

  it("shows the last few signal changes, newest first", async () => {
    const client = new Redis(redis.url);
    const change = (symbol: string, to: string) =>
      client.xadd(
        "bavest:changes",
        "*",
        "symbol",
        symbol,
        "observedAt",
        "2025-11-20T15:20:00.000Z",
        "from",
        "sell",
        "to",
        to,
        "fromCategory",
        "expensive",
        "toCategory",
        "growth_stock",
        "peRatio",
        "18.5",
      );
    for (const [symbol, to] of [
      ["AAPL", "hold"],
      ["MSFT", "hold"],
      ["AAPL", "buy"],
      ["NVDA", "hold"],
    ])
      await change(symbol as string, to as string);
    client.disconnect();
    const report = await runStatus({ local: true, stack: "dev", env: env() }, { output: createOutput() });
    expect(report.redis.recentChanges?.map((c) => `${c.symbol}:${c.to}`)).toEqual([
      "NVDA:hold",
      "AAPL:buy",
      "MSFT:hold",
    ]);
    expect(report.redis.recentChanges?.[0]).toMatchObject({ from: "sell", peRatio: 18.5 });
    const text = renderStatus(report, false);
    expect(text).toContain(
      "change NVDA sell -> hold (expensive -> growth_stock), observed 2025-11-20T15:20:00.000Z",
    );
  });

  it("counts the batch the counters file holds", async () => {
    const report = await runStatus({ local: true, stack: "dev", env: env() }, { output: createOutput() });
    expect(report.processing.windows["5m"]).toEqual({
      batches: 1,
      stored: 4,
      updated: 0,
      duplicates: 0,
      stale: 0,
      rejected: 1,
      failed: 0,
      failedBatches: 0,
      deadLettered: 0,
    });
    expect(report.stream.iteratorAgeMs).toBe(40);
    expect(report.health).toBe("healthy");
  });

  it("reports failing (exit 1), naming Redis, when dev's Redis is stopped", async () => {
    await redis.stop();
    const report = await runStatus({ local: true, stack: "dev", env: env() }, { output: createOutput() });
    expect(report.redis).toMatchObject({ reachable: false, health: "failing", symbols: null });
    expect(report.redis.reason).toContain(`127.0.0.1:${redis.port}`);
    expect(report.health).toBe("failing");
    expect(report.reason).toMatch(/^redis: cannot read Redis/);
  });

  it("says to start dev when no pipeline is running", async () => {
    const empty = await mkdtemp(join(tmpdir(), "bavest-status-none-"));
    await expect(
      runStatus(
        { local: true, stack: "dev", env: { BAVEST_SIGNALS_HOME: empty } },
        { output: createOutput() },
      ),
    ).rejects.toMatchObject({
      message: "No local pipeline is running.",
      hint: expect.stringContaining("bavest-signals dev"),
    });
  });
});
