import fc from "fast-check";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countOutcomes,
  emptyOutcomeCounts,
  type OutcomeCounts,
  type RecordOutcome,
} from "../../src/core/outcomes.js";
import { redisKeys } from "../../src/core/redisKeys.js";
import { createProcessingHandler, type ProcessingHandler } from "../../src/lambdas/processing/handler.js";
import { createRedisClient } from "../../src/lambdas/processing/redisClient.js";
import { createPipelineStats } from "../../src/local/pipeline/pipelineStats.js";
import type { PipelineProbe } from "../../src/replay/probe.js";
import { redisProbe } from "../../src/replay/probe.js";
import { waitForProcessing } from "../../src/replay/wait.js";
import { kinesisEventFactory, kinesisRecordFactory } from "../helpers/factories.js";
import { processingSettings } from "../helpers/processing.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";

// The accounting of what processing did, checked against a model of docs/contracts.md section 3: random
// batches of records (the same key, the same content, newer, older, beyond the retention, poison,
// failures) through the real handler into a real redis-server; the model's outcome for every
// record must be what the function logged (dev's batch line and status), what it recorded
// (replay --wait) and what Redis then holds.

const RETENTION_S = 3_600;
const STEP_MS = 15 * 60_000;
/** Observation times: steps of 15 minutes over 3 hours, so some fall beyond the 1 hour kept. */
const BASE_MS = Math.floor(Date.now() / 60_000) * 60_000 - 86_400_000;
/** A symbol whose history key is a list: each of its records fails in Redis (a transient failure). */
const BROKEN = "BROKEN";

type Op =
  | { kind: "quote"; symbol: string; step: number; price: number; fetch: number }
  | { kind: "poison" }
  | { kind: "broken"; step: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant("quote" as const),
      symbol: fc.constantFrom("AAA", "BBB"),
      step: fc.integer({ min: 0, max: 12 }),
      price: fc.constantFrom(100, 120),
      fetch: fc.integer({ min: 0, max: 1 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "poison" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("broken" as const), step: fc.integer({ min: 0, max: 12 }) }),
  },
);

/** The contract, as plainly as it can be said: the newest observation decides what is too old. */
class Model {
  private readonly newest = new Map<string, number>();
  private readonly stored = new Map<string, number>();
  latestPrice = new Map<string, number>();

  apply(record: Op): RecordOutcome {
    if (record.kind === "poison") return "rejected";
    if (record.kind === "broken") return "failed";
    const at = BASE_MS + record.step * STEP_MS;
    const newest = Math.max(at, this.newest.get(record.symbol) ?? at);
    if (at < newest - RETENTION_S * 1000) return "stale";
    const key = `${record.symbol}:${at}`;
    const before = this.stored.get(key);
    this.stored.set(key, record.price);
    this.newest.set(record.symbol, newest);
    if (at === newest) this.latestPrice.set(record.symbol, record.price);
    if (before === undefined) return "stored";
    return before === record.price ? "duplicate" : "updated";
  }
}

function envelopeOf(record: Op): unknown {
  if (record.kind === "poison") return "{ not json";
  const symbol = record.kind === "broken" ? BROKEN : record.symbol;
  const at = BASE_MS + record.step * STEP_MS;
  const price = record.kind === "quote" ? record.price : 1;
  const fetch = record.kind === "quote" ? record.fetch : 0;
  return {
    schemaVersion: 1,
    symbol,
    fetchedAt: new Date(at + 2_000 + fetch * 60_000).toISOString(),
    source: "bavest",
    quote: { c: price, t: at / 1000, metrics: { eps: 5 } },
  };
}

let server: RedisServerHandle;
let redis: Redis;
let handle: ProcessingHandler;
let logged: OutcomeCounts[] = [];

beforeAll(async () => {
  server = await startRedis();
  redis = createRedisClient({
    host: "127.0.0.1",
    port: server.port,
    tls: false,
    connectTimeoutMs: 2000,
    commandTimeoutMs: 5000,
  });
  const keep = (_message: string, data?: unknown) => void logged.push(data as OutcomeCounts);
  handle = createProcessingHandler({
    redis,
    settings: processingSettings({ retentionSeconds: RETENTION_S }),
    logger: { info: keep, warn() {}, error: keep },
  });
});
afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

const noWait = { now: () => 0, sleep: async () => {} };

describe("the accounting of what processing did, against a model of the contract", () => {
  it("gives every record the model's outcome in the function's counts, dev's stats, replay --wait and Redis", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(op, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }),
        async (batches) => {
          await redis.flushall();
          await redis.lpush(redisKeys().history(BROKEN), "not a sorted set");
          logged = [];
          const model = new Model();
          const stats = createPipelineStats({ shards: 1, ingestEveryMs: null });
          const probe = redisProbe(redis, redisKeys());
          const mark = await probe.mark();
          const sent: Array<{ index: number; sequenceNumber: string }> = [];
          const expected: RecordOutcome[] = [];
          const failedSequences = new Set<string>();
          for (const batch of batches) {
            const records = batch.map((record) =>
              kinesisRecordFactory(envelopeOf(record), { partitionKey: "X" }),
            );
            const outcomes = batch.map((record) => model.apply(record));
            const response = await handle(kinesisEventFactory(records));
            const counts = logged.at(-1) as OutcomeCounts;
            expect(counts).toMatchObject(countOutcomes(outcomes));
            expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
              records.filter((_, i) => outcomes[i] === "failed").map((r) => r.kinesis.sequenceNumber),
            );
            for (const failure of response.batchItemFailures)
              failedSequences.add(String(failure.itemIdentifier));
            // dev's trigger hands the function's counts to its stats (src/local/mapping/mappingInvocation.ts).
            const { failed: _failed, ...written } = counts;
            stats.listener.onBatch?.({
              shardId: "shardId-0",
              records: records.length,
              failed: response.batchItemFailures.length,
              iteratorAgeMs: 0,
              ...written,
            });
            records.forEach((record, i) => {
              sent.push({ index: sent.length, sequenceNumber: record.kinesis.sequenceNumber });
              expected.push(outcomes[i] as RecordOutcome);
            });
          }
          const total = countOutcomes(expected);
          const { stored, updated, duplicates, stale, rejected, failed } = stats.snapshot().totals;
          expect({ stored, updated, duplicates, stale, rejected, failed }).toEqual(total);
          // replay --wait: the failed records are where the trigger puts them after their retries (the dead letter).
          const withDeadLetters: PipelineProbe = {
            mark: probe.mark,
            facts: async (cursor) => ({ ...(await probe.facts(cursor)), failed: failedSequences }),
          };
          const waited = await waitForProcessing(sent, mark, withDeadLetters, {
            timeoutMs: 0,
            clock: noWait,
          });
          expect(waited).toEqual({ ...total, notProcessed: 0 });
          for (const [symbol, price] of model.latestPrice) {
            expect(JSON.parse((await redis.get(redisKeys().latest(symbol))) ?? "{}").price).toBe(price);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("starts from all zero", () => {
    expect(countOutcomes([])).toEqual(emptyOutcomeCounts());
  });
});
