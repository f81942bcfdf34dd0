import { fileURLToPath, pathToFileURL } from "node:url";
import type { Redis } from "ioredis";
import { analyseEnvelope } from "../src/core/analysis.js";
import { decodeRecordData } from "../src/core/envelope.js";
import { redisKeys } from "../src/core/redisKeys.js";
import { serializeSignal } from "../src/core/writePlan.js";
import type { KinesisEventInput as KinesisStreamEvent } from "../src/kinesis/event.js";
import { benchEnvelope, benchKinesisEvent } from "./records.js";
import { median } from "./stats.js";

const BUNDLE = fileURLToPath(new URL("../dist/lambdas/processing/index.mjs", import.meta.url));
const DAY_SECONDS = 86_400;

export type Handler = (event: KinesisStreamEvent) => Promise<{ batchItemFailures: unknown[] }>;

/**
 * The Redis commands one new, newest observation needs when written on its own: GET (is it
 * stored?), ZRANGE (the symbol's newest), SET EX, ZADD, ZREMRANGEBYSCORE, SADD, SET latest. The
 * floor is these writes pipelined with no logic. The batch script runs fewer (it reads a
 * symbol's newest, adds the symbol and trims its history once per batch), so the floor stays
 * what one record's writes cost, not what the script happens to run.
 */
export const COMMANDS_PER_RECORD = 7;

/**
 * Loads the built bundle the way Lambda does: REDIS_* read from the environment at import. Each
 * port gets its own module instance (the query makes a distinct module URL), so its own client.
 */
export async function loadBundledHandler(port: number): Promise<Handler> {
  process.env.REDIS_HOST = "127.0.0.1";
  process.env.REDIS_PORT = String(port);
  // One log line per batch is what Lambda would write too; keeping it off stdout keeps the table readable.
  process.env.POWERTOOLS_LOG_LEVEL = "ERROR";
  const url = `${pathToFileURL(BUNDLE).href}?redisPort=${port}`;
  const module = (await import(url)) as { handler: Handler };
  return module.handler;
}

/** What the original function did: per record, await SET latest, then await SET of the history key. */
export async function naiveStore(redis: Redis, event: KinesisStreamEvent): Promise<void> {
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
export async function pipelinedSets(
  redis: Redis,
  count: number,
  round: number,
  value: string,
): Promise<void> {
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
export function prebuiltRounds(
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
export function sampleSignalJson(): string {
  const envelope = benchEnvelope(0);
  return serializeSignal(analyseEnvelope(envelope, { sequenceNumber: "1", processedAt: new Date() })).json;
}

/** Runs the handler over every batch of an event list, failing loudly on any batchItemFailure. */
export async function runBatches(handler: Handler, events: KinesisStreamEvent[]): Promise<void> {
  for (const event of events) {
    const { batchItemFailures } = await handler(event);
    if (batchItemFailures.length > 0) throw new Error(`${batchItemFailures.length} records failed`);
  }
}

/** Median of `pings` awaited PINGs in ms, after a few unmeasured ones that open the connection. */
export async function medianRoundTripMs(redis: Redis, pings = 200): Promise<number> {
  for (let i = 0; i < 5; i++) await redis.ping();
  const samples: number[] = [];
  for (let i = 0; i < pings; i++) {
    const start = performance.now();
    await redis.ping();
    samples.push(performance.now() - start);
  }
  return median(samples);
}
