import { Redis } from "ioredis";
import { DEFAULT_HISTORY_RETENTION_SECONDS } from "../src/core/redisKeys.js";
import { redisServerArgs } from "../src/core/redisTuning.js";
import { startRedis } from "../test/helpers/redis.js";
import { loadBundledHandler, runBatches } from "./processingWork.js";
import { benchKinesisEvent } from "./records.js";
import type { BenchRow } from "./stats.js";

/**
 * The memory goal: >= 460 symbols of 5-minute history kept 7 days on a cache.t3.micro, i.e.
 * <= 420 bytes an observation (per-observation key plus history member) with the pipeline's
 * Redis settings. Dropping more fields from history values would break docs/contracts.md section 3.
 */
export const BYTES_PER_OBSERVATION_GOAL = 420;
export const SYMBOLS_ON_T3_MICRO_GOAL = 460;
const GOAL_NODE_TYPE = "cache.t3.micro";
/** The default schedule (5 minutes) over the default retention (7 days): 2,016 observations. */
export const OBSERVATIONS_PER_SYMBOL = DEFAULT_HISTORY_RETENTION_SECONDS / (5 * 60);
const GIB = 1024 ** 3;
const BATCH = 500;

/** MEMORY USAGE of one key (every element counted), 0 when it does not exist. */
async function memoryUsage(redis: Redis, key: string): Promise<number> {
  return Number((await redis.call("MEMORY", "USAGE", key, "SAMPLES", "0")) ?? 0);
}

/** `used_memory` from `INFO memory`. */
async function usedMemory(redis: Redis): Promise<number> {
  const match = /^used_memory:(\d+)/m.exec(await redis.info("memory"));
  if (!match) throw new Error("INFO memory has no used_memory");
  return Number(match[1]);
}

/**
 * Bytes of Redis memory per stored observation, measured through the built processing bundle
 * into a fresh redis-server: `used_memory` before and after `observations` new observations of
 * the bench's 50 symbols. Per-symbol keys (latest, the sorted set's own header) are spread over
 * many observations, so the figure is what history costs. The changes stream is capped (a fixed
 * amount whatever the history holds; the bench's quotes change category on most records), and so
 * is the outcomes stream (an hour of records, whatever the history holds: `replay --wait` reads
 * it), so their memory is taken out.
 */
export async function measureBytesPerObservation(
  observations: number,
  redisArgs: string[] = [],
): Promise<number> {
  const server = await startRedis({ extraArgs: redisArgs });
  const redis = new Redis(server.port, "127.0.0.1");
  try {
    const handler = await loadBundledHandler(server.port);
    // A first round creates each symbol's keys and warms the script cache; it is not counted.
    await runBatches(handler, [benchKinesisEvent(0, 50)]);
    const before = await usedMemory(redis);
    const events = [];
    for (let first = 50; first < observations + 50; first += BATCH)
      events.push(benchKinesisEvent(first, Math.min(BATCH, observations + 50 - first)));
    await runBatches(handler, events);
    const after = await usedMemory(redis);
    const changes = await memoryUsage(redis, "bavest:changes");
    const outcomes = await memoryUsage(redis, "bavest:outcomes");
    return (after - before - changes - outcomes) / observations;
  } finally {
    redis.disconnect();
    await server.stop();
  }
}

/**
 * Symbols of 5-minute history kept 7 days that a cache.t3.micro's usable memory holds at `bytes`
 * an observation, by the capacity model's own formula (src/plan/redisModel.ts).
 */
async function symbolsOnGoalNode(bytes: number): Promise<number | undefined> {
  const path = "../src/plan/redisModel.js";
  try {
    const model = (await import(/* @vite-ignore */ path)) as typeof import("../src/plan/redisModel.js");
    const usable = model.usableBytes(GOAL_NODE_TYPE);
    if (usable === undefined) return undefined;
    const perSymbol = model.BYTES_PER_SYMBOL + OBSERVATIONS_PER_SYMBOL * bytes;
    return Math.floor((usable - model.BASE_BYTES) / perSymbol);
  } catch {
    return undefined;
  }
}

/** The capacity model's constant, when this tree has the model (src/plan/redisModel.ts). */
async function modelBytesPerObservation(): Promise<number | undefined> {
  const path = "../src/plan/redisModel.js";
  try {
    const model = (await import(/* @vite-ignore */ path)) as Record<string, unknown>;
    // The model names its constant; any numeric export named "bytes per (stored) observation" is it.
    const entry = Object.entries(model).find(
      ([name, value]) => typeof value === "number" && /^BYTES_PER_(STORED_)?OBSERVATION$/i.test(name),
    );
    return entry ? (entry[1] as number) : undefined;
  } catch {
    return undefined;
  }
}

/** Bench rows: bytes per observation against the goal, and symbols per GiB at 5 minutes / 7 days. */
export async function benchMemory(options: { quick: boolean }): Promise<BenchRow[]> {
  const observations = options.quick ? 10_000 : 20_000;
  // The pipeline's own server settings (src/core/redisTuning.ts: dev's redis-server and the
  // cache's parameter group), and redis-server's defaults for comparison.
  const bytes = Math.round(await measureBytesPerObservation(observations, redisServerArgs()));
  const defaults = Math.round(await measureBytesPerObservation(observations));
  const model = await modelBytesPerObservation();
  const onGoalNode = await symbolsOnGoalNode(bytes);
  const perSymbol = bytes * OBSERVATIONS_PER_SYMBOL;
  return [
    {
      bench: "redis memory",
      metric: `bytes per stored observation (${observations.toLocaleString("en-US")} through the bundle, INFO memory, the pipeline's Redis settings): goal >= ${SYMBOLS_ON_T3_MICRO_GOAL} symbols of 5-minute history kept 7 days on a ${GOAL_NODE_TYPE}, i.e. <= ${BYTES_PER_OBSERVATION_GOAL} bytes an observation`,
      value: bytes,
      unit: "bytes",
      ...(model !== undefined
        ? { baseline: { name: "capacity model constant", value: model }, ratio: bytes / model }
        : {}),
      target: `<= ${BYTES_PER_OBSERVATION_GOAL}`,
      met: bytes <= BYTES_PER_OBSERVATION_GOAL,
      note:
        model === undefined
          ? "no capacity model in this tree (src/plan/redisModel.ts)"
          : `model ${model} bytes`,
    },
    ...(onGoalNode === undefined
      ? []
      : [
          {
            bench: "redis memory",
            metric: `symbols a ${GOAL_NODE_TYPE} holds, 5 min schedule, 7 days kept (capacity model at the measured bytes)`,
            value: onGoalNode,
            unit: "symbols",
            target: `>= ${SYMBOLS_ON_T3_MICRO_GOAL}`,
            met: onGoalNode >= SYMBOLS_ON_T3_MICRO_GOAL,
            note: "75% of 0.5 GiB usable (reserved-memory-percent 25), less Redis's own 1 MB and 1,200 bytes a symbol",
          },
        ]),
    {
      bench: "redis memory",
      metric: "bytes per stored observation, redis-server's default settings",
      value: defaults,
      unit: "bytes",
      note: "history sorted sets past 128 members become skiplists (~115 bytes a member)",
    },
    {
      bench: "redis memory",
      metric: "symbols per GiB, 5 min schedule, 7 days kept",
      value: Math.floor(GIB / perSymbol),
      unit: "symbols",
      note: `${OBSERVATIONS_PER_SYMBOL} observations x ${bytes} bytes = ${(perSymbol / 1024 / 1024).toFixed(2)} MiB a symbol`,
    },
  ];
}
