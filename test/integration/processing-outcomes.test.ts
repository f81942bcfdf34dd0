import { readFileSync } from "node:fs";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { redisKeys } from "../../src/core/redisKeys.js";
import { createProcessingHandler, type ProcessingHandler } from "../../src/lambdas/processing/handler.js";
import { createRedisClient } from "../../src/lambdas/processing/redisClient.js";
import { redisProbe } from "../../src/replay/probe.js";
import { kinesisEventFactory, kinesisRecordFactory } from "../helpers/factories.js";
import { processingSettings } from "../helpers/processing.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";

// What the write did, one outcome per record, as the function logs it (dev's batch line), as it
// records it in Redis (replay --wait) and as Redis then holds it.
const FIXTURES = JSON.parse(
  readFileSync(new URL("../../fixtures/sample.json", import.meta.url), "utf8"),
) as Array<{ symbol: string; quote: Record<string, unknown> }>;
const TODAY_S = Math.floor(Date.now() / 1000);

let server: RedisServerHandle;
let redis: Redis;
let handle: ProcessingHandler;
const logged: Record<string, unknown>[] = [];

beforeAll(async () => {
  server = await startRedis();
  redis = createRedisClient({
    host: "127.0.0.1",
    port: server.port,
    tls: false,
    connectTimeoutMs: 2000,
    commandTimeoutMs: 5000,
  });
  handle = createProcessingHandler({
    redis,
    settings: processingSettings(),
    logger: {
      info: (message, data) =>
        void (message === "Batch processed" && logged.push((data ?? {}) as Record<string, unknown>)),
      warn() {},
      error: (_message, data) => void logged.push((data ?? {}) as Record<string, unknown>),
    },
  });
});
afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});
beforeEach(async () => {
  await redis.flushall();
  logged.length = 0;
});

/** Processes envelopes as one batch; returns the counts the function logged and the outcomes it recorded. */
async function processBatch(envelopes: unknown[]) {
  const probe = redisProbe(redis, redisKeys());
  const mark = await probe.mark();
  const records = envelopes.map((envelope) => kinesisRecordFactory(envelope));
  const response = await handle(kinesisEventFactory(records));
  const facts = await probe.facts(mark);
  const bySequence = new Map(facts.outcomes);
  return {
    response,
    counts: logged.at(-1),
    outcomes: records.map((record) => bySequence.get(record.kinesis.sequenceNumber)),
  };
}

const today = (envelope: (typeof FIXTURES)[number]) => ({
  ...envelope,
  fetchedAt: new Date(TODAY_S * 1000).toISOString(),
  quote: { ...envelope.quote, t: TODAY_S },
});

describe("what the write did with each record", () => {
  it("calls a correction at an existing observedAt 'updated', not a duplicate (BMW.DE)", async () => {
    const bmw = FIXTURES.find((envelope) => envelope.symbol === "BMW.DE");
    if (!bmw) throw new Error("fixtures/sample.json has no BMW.DE");
    await processBatch([bmw]);
    const corrected = { ...bmw, quote: { ...bmw.quote, c: Number(bmw.quote.c) + 1.5 } };
    const { counts, outcomes } = await processBatch([corrected]);
    expect(outcomes).toEqual(["updated"]);
    expect(counts).toMatchObject({ records: 1, stored: 0, updated: 1, duplicates: 0, stale: 0, failed: 0 });
    const latest = JSON.parse((await redis.get("bavest:latest:BMW.DE")) ?? "{}");
    expect(latest.price).toBe(Number(bmw.quote.c) + 1.5);
    expect((await processBatch([corrected])).outcomes).toEqual(["duplicate"]);
  });

  it("counts last year's fixtures into a pipeline holding today's quotes as 24 stale, whatever an earlier replay left", async () => {
    expect(FIXTURES).toHaveLength(24);
    const symbols = [...new Set(FIXTURES.map((envelope) => envelope.symbol))];
    const todays = symbols.map((symbol) =>
      today(FIXTURES.find((envelope) => envelope.symbol === symbol) as never),
    );

    // An earlier replay of the same fixtures left their per-observation keys (TTL counted from that write).
    expect((await processBatch(FIXTURES)).counts).toMatchObject({ stored: 24 });
    expect((await processBatch(todays)).counts).toMatchObject({ stored: symbols.length });
    const again = await processBatch(FIXTURES);
    expect(again.counts).toMatchObject({ stored: 0, updated: 0, duplicates: 0, stale: 24 });
    expect(new Set(again.outcomes)).toEqual(new Set(["stale"]));

    // A pipeline that never saw them answers the same.
    await redis.flushall();
    await processBatch(todays);
    expect((await processBatch(FIXTURES)).counts).toMatchObject({ stored: 0, duplicates: 0, stale: 24 });
  });

  it("reports a record that fails in Redis as failed, and its neighbours as what they were", async () => {
    const [first, second] = FIXTURES;
    await redis.set("bavest:latest:MSFT", "x");
    await redis.lpush("bavest:pe_history:MSFT", "not a sorted set");
    const { response, counts, outcomes } = await processBatch([
      first,
      { ...second, symbol: "MSFT" },
      "poison",
    ]);
    expect(outcomes).toEqual(["stored", undefined, "rejected"]);
    expect(counts).toMatchObject({ stored: 1, rejected: 1, failed: 1 });
    expect(response.batchItemFailures).toHaveLength(1);
  });

  it("keeps Bavest's own P/E next to price / EPS when they disagree by more than 1%, and counts it", async () => {
    const aapl = FIXTURES[0] as (typeof FIXTURES)[number];
    const metrics: Record<string, unknown> = {
      ...(aapl.quote.metrics as Record<string, unknown>),
      "pe/ratio": 35.1,
    };
    const { counts } = await processBatch([
      { ...aapl, quote: { ...aapl.quote, metrics } },
      FIXTURES.find((e) => e.symbol === "NVDA"),
    ]);
    expect(counts).toMatchObject({ stored: 2, peDisagreements: 1 });
    const latest = JSON.parse((await redis.get(`bavest:latest:${aapl.symbol}`)) ?? "{}");
    expect(latest).toMatchObject({ peSource: "computed", providerPeRatio: 35.1 });
    expect(latest.peRatio).toBeCloseTo(Number(aapl.quote.c) / Number(metrics.eps), 9);
  });

  it("lets replay --wait read every outcome after its mark, page after page, oldest first", async () => {
    const probe = redisProbe(redis, redisKeys());
    await processBatch([FIXTURES[0]]);
    const mark = await probe.mark();
    const records = Array.from({ length: 120 }, (_, i) =>
      kinesisRecordFactory({
        ...today(FIXTURES[i % 24] as never),
        quote: { ...FIXTURES[i % 24]?.quote, t: TODAY_S - 120 + i },
      }),
    );
    for (const record of records) await handle(kinesisEventFactory([record]));
    await handle(kinesisEventFactory([records[0] as (typeof records)[number]]));
    const facts = await probe.facts(mark);
    expect(facts.outcomes).toHaveLength(121);
    expect(facts.outcomes.slice(0, 120).map(([sequenceNumber]) => sequenceNumber)).toEqual(
      records.map((record) => record.kinesis.sequenceNumber),
    );
    expect(facts.outcomes[120]).toEqual([records[0]?.kinesis.sequenceNumber, "duplicate"]);
    expect(await probe.facts(facts.cursor)).toMatchObject({ outcomes: [], cursor: facts.cursor });
  });
});
