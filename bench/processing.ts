import { fileURLToPath, pathToFileURL } from "node:url";
import { Redis } from "ioredis";
import { analyseEnvelope } from "../src/core/analysis.js";
import { decodeRecordData } from "../src/core/envelope.js";
import { redisKeys } from "../src/core/redisKeys.js";
import { serializeSignal } from "../src/core/writePlan.js";
import type { KinesisStreamEvent } from "../src/lambdas/processing/kinesisEvent.js";
import { STORE_SIGNAL_LUA } from "../src/lambdas/processing/storeScript.js";
import { startRedis } from "../test/helpers/redis.js";
import { benchEnvelope, benchKinesisEvent } from "./records.js";
import { type BenchRow, compared, medianRate, timeInterleaved } from "./stats.js";

const BUNDLE = fileURLToPath(new URL("../dist/lambdas/processing/index.mjs", import.meta.url));
const DAY_SECONDS = 86_400;

type Handler = (event: KinesisStreamEvent) => Promise<{ batchItemFailures: unknown[] }>;

/** Redis commands one new, newest observation runs inside the store script (every `redis.call`). */
export function commandsPerRecord(lua = STORE_SIGNAL_LUA): number {
  return lua.match(/redis\.call\(/g)?.length ?? 0;
}

/** Loads the built bundle the way Lambda does: REDIS_* read from the environment at import. */
async function loadBundledHandler(port: number): Promise<Handler> {
  process.env.REDIS_HOST = "127.0.0.1";
  process.env.REDIS_PORT = String(port);
  // One log line per batch is what Lambda would write too; keeping it off stdout keeps the table readable.
  process.env.POWERTOOLS_LOG_LEVEL = "ERROR";
  const module = (await import(pathToFileURL(BUNDLE).href)) as { handler: Handler };
  return module.handler;
}

/** What the original function did: per record, await SET latest, then await SET of the history key. */
async function naiveStore(redis: Redis, event: KinesisStreamEvent): Promise<void> {
  const keys = redisKeys("naive");
  for (const record of event.Records) {
    const decoded = decodeRecordData(record.kinesis.data);
    if (!decoded.ok) continue;
    const signal = analyseEnvelope(decoded.envelope, {
      sequenceNumber: record.kinesis.sequenceNumber,
      processedAt: new Date(),
    });
    const { json } = serializeSignal(signal);
    await redis.set(keys.latest(signal.symbol), json);
    await redis.set(keys.peRatio(signal.symbol, Date.parse(signal.observedAt)), json, "EX", 7 * DAY_SECONDS);
  }
}

const CEILING_PIPELINE_SETS = 1_000;

/**
 * `count` raw SETs of Signal-sized values, in ioredis pipelines of 1,000 all sent at once: what
 * Redis and the client do at best (one pipeline of 20,000 is slower: the client builds one huge buffer).
 */
async function pipelinedSets(redis: Redis, count: number, round: number, value: string): Promise<void> {
  const pipelines: Promise<[Error | null, unknown][] | null>[] = [];
  for (let start = 0; start < count; start += CEILING_PIPELINE_SETS) {
    const pipeline = redis.pipeline();
    for (let i = start; i < Math.min(count, start + CEILING_PIPELINE_SETS); i++) {
      pipeline.set(`ceiling:${round}:${i}`, value);
    }
    pipelines.push(pipeline.exec());
  }
  const replies = (await Promise.all(pipelines)).flatMap((reply) => reply ?? []);
  if (replies.length !== count || replies.some(([error]) => error)) throw new Error("a pipelined SET failed");
}

/** For each round, `perRound` records cut into events of `size`, observations numbered from `first`. */
function prebuiltRounds(
  first: number,
  rounds: number,
  perRound: number,
  size: number,
): KinesisStreamEvent[][] {
  return Array.from({ length: rounds }, (_, round) =>
    Array.from({ length: perRound / size }, (_, batch) =>
      benchKinesisEvent(first + round * perRound + batch * size, size),
    ),
  );
}

/** A stored Signal of a bench record: the ceiling writes values of this size. */
function sampleSignalJson(): string {
  const envelope = benchEnvelope(0);
  return serializeSignal(analyseEnvelope(envelope, { sequenceNumber: "1", processedAt: new Date() })).json;
}

/** Runs the handler over every batch of an event list, failing loudly on any batchItemFailure. */
async function runBatches(handler: Handler, events: KinesisStreamEvent[]): Promise<void> {
  for (const event of events) {
    const { batchItemFailures } = await handler(event);
    if (batchItemFailures.length > 0) throw new Error(`${batchItemFailures.length} records failed`);
  }
}

/**
 * Processing throughput of the bundled handler into a real redis-server, for batches of 100 and
 * 1,000 records, against the naive per-record baseline and the pipelined-SET ceiling, all
 * measured in interleaved rounds of the same run.
 */
export async function benchProcessing(options: { quick: boolean }): Promise<BenchRow[]> {
  const recordsPerRound = options.quick ? 1_000 : 2_000;
  const repetitions = options.quick ? 3 : 7;
  const ceilingSets = 20_000;
  const server = await startRedis();
  const redis = new Redis(server.url);
  try {
    const handler = await loadBundledHandler(server.port);
    const rounds = repetitions + 1;
    // Events are built before any timing: encoding records is Kinesis' work, not the function's.
    const batches100 = prebuiltRounds(0, rounds, recordsPerRound, 100);
    const batches1000 = prebuiltRounds(rounds * recordsPerRound, rounds, recordsPerRound, 1_000);
    const naiveEvents = prebuiltRounds(
      2 * rounds * recordsPerRound,
      rounds,
      recordsPerRound,
      recordsPerRound,
    );
    const signalSized = sampleSignalJson();
    let round = 0;
    const durations = await timeInterleaved(
      {
        batch100: () => runBatches(handler, batches100.shift() ?? []),
        batch1000: () => runBatches(handler, batches1000.shift() ?? []),
        naive: () => naiveStore(redis, naiveEvents.shift()?.[0] ?? { Records: [] }),
        ceiling: () => pipelinedSets(redis, ceilingSets, round++, signalSized),
      },
      repetitions,
    );
    return processingRows({
      batch100: medianRate(recordsPerRound, durations.batch100),
      batch1000: medianRate(recordsPerRound, durations.batch1000),
      naive: medianRate(recordsPerRound, durations.naive),
      setsPerSecond: medianRate(ceilingSets, durations.ceiling),
    });
  } finally {
    redis.disconnect();
    await server.stop();
  }
}

function processingRows(rates: {
  batch100: number;
  batch1000: number;
  naive: number;
  setsPerSecond: number;
}): BenchRow[] {
  const commands = commandsPerRecord();
  const ceiling = rates.setsPerSecond / commands;
  const naive = { name: "naive awaited SETs", value: rates.naive };
  const ceilingBaseline = { name: `Redis ceiling`, value: ceiling };
  const rows: BenchRow[] = [
    {
      bench: "processing",
      metric: "naive: await SET latest + SET history per record",
      value: rates.naive,
      unit: "rec/s",
    },
    {
      bench: "processing",
      metric: "Redis ceiling (pipelined SETs / commands per record)",
      value: ceiling,
      unit: "rec/s",
      note: `${Math.round(rates.setsPerSecond).toLocaleString("en-US")} pipelined SETs/s divided by ${commands} commands per record (every redis.call of the store script on the newest-observation path: GET, ZRANGE, SET EX, ZADD, ZREMRANGEBYSCORE, SADD, SET latest)`,
    },
  ];
  for (const [size, rate] of [
    [100, rates.batch100],
    [1_000, rates.batch1000],
  ] as const) {
    const metric = `handler, batches of ${size.toLocaleString("en-US")}`;
    const row = { bench: "processing", metric, value: rate, unit: "rec/s" };
    rows.push(compared({ ...row, target: ">= 10x naive" }, naive, (ratio) => ratio >= 10));
    rows.push(compared({ ...row, target: ">= 0.3x ceiling" }, ceilingBaseline, (ratio) => ratio >= 0.3));
  }
  return rows;
}
