import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPipeline, startLocalPipeline } from "../../src/local/pipeline/pipeline.js";
import { PIPELINE_DEFAULTS } from "../../src/local/pipeline/pipelineOptions.js";
import { startFakeBavest } from "../../src/local/servers/fakeBavest.js";
import { isAlive } from "../helpers/ports.js";

// Runs the built processing bundle: `npm run build` first (npm test does).
let pipeline: RunningPipeline;
let redis: Redis;

beforeAll(async () => {
  const home = await mkdtemp(join(tmpdir(), "bavest-home-"));
  pipeline = await startLocalPipeline({
    ...PIPELINE_DEFAULTS,
    ingestEveryMs: null,
    batchingWindowMs: 100,
    env: { BAVEST_SIGNALS_HOME: home },
  });
  redis = new Redis(pipeline.record.redis_url);
});

afterAll(async () => {
  redis?.disconnect();
  await pipeline?.stop();
});

const quote = (c: number, t: number) => ({ c, t, metrics: { eps: 2, "pe/ratio": c / 2 }, currency: "USD" });

async function completed(count: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (pipeline.stats().completed < count) {
    if (Date.now() > deadline) throw new Error(`only ${pipeline.stats().completed} of ${count} completed`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the local pipeline with the real processing bundle", () => {
  it("quarantines poison records without holding back the records after them", async () => {
    const envelope = (c: number, t: number) =>
      Buffer.from(
        JSON.stringify({
          schemaVersion: 1,
          symbol: "TEST",
          fetchedAt: "2026-01-01T00:00:00Z",
          source: "t",
          quote: quote(c, t),
        }),
      );
    const records = [
      { PartitionKey: "TEST", Data: envelope(20, 1_767_225_600) },
      { PartitionKey: "TEST", Data: Buffer.from("not json at all") },
      { PartitionKey: "TEST", Data: Buffer.from(JSON.stringify({ schemaVersion: 9, symbol: "TEST" })) },
      { PartitionKey: "TEST", Data: envelope(40, 1_767_225_900) },
    ];
    await pipeline.kinesis.send(
      new PutRecordsCommand({ StreamName: pipeline.record.kinesis_stream_name, Records: records }),
    );
    await completed(records.length);
    const latest = JSON.parse((await redis.get("bavest:latest:TEST")) ?? "null");
    expect(latest).toMatchObject({
      symbol: "TEST",
      price: 40,
      peRatio: 20,
      category: "growth_stock",
      signal: "hold",
    });
    expect(await redis.llen("bavest:rejected")).toBe(2);
    expect(pipeline.stats().deadLettered).toBe(0);
  });

  it("records a redis-server PID that is alive while it runs", () => {
    expect(pipeline.record.redisPid).toBeGreaterThan(0);
    expect(isAlive(pipeline.record.redisPid ?? -1)).toBe(true);
  });
});

describe("the Bavest stand-in", () => {
  it("answers POST /v0/quote with a fixture quote moved a little, and 403 without a key", async () => {
    const fake = await startFakeBavest({ random: () => 1, nowSeconds: () => 1_800_000_000 });
    try {
      const post = (headers: Record<string, string>) =>
        fetch(`${fake.url}/quote`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: '{"symbol":"aapl","currency":"USD"}',
        });
      expect((await post({})).status).toBe(403);
      const first = (await (await post({ "x-api-key": "k" })).json()) as {
        c: number;
        t: number;
        metrics: { eps: number };
      };
      const second = (await (await post({ "x-api-key": "k" })).json()) as { c: number };
      expect(first.t).toBe(1_800_000_000);
      expect(first.metrics.eps).toBe(6.43);
      expect(first.c).toBeCloseTo(190.55 * 1.005, 1);
      expect(second.c).toBeGreaterThan(first.c);
      expect(fake.symbols).toContain("RIVN");
      // Without a currency the stand-in answers in EUR, as Bavest does.
      const eur = await fetch(`${fake.url}/quote`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": "k" },
        body: '{"symbol":"aapl"}',
      });
      expect(await eur.json()).toMatchObject({ currency: "EUR" });
    } finally {
      await fake.stop();
    }
  });
});
