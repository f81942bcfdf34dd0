import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_KEY_PREFIX, redisKeys } from "../core/redisKeys.js";
import { CliError, errorMessage } from "../lib/errors.js";
import { deadLetterMetaFile } from "../local/mapping/deadLetter.js";
import type { PipelineStatsSnapshot } from "../local/pipeline/pipelineStats.js";
import { STATS_FILE_NAME } from "../local/pipeline/statsWriter.js";
import { type LocalPipelineRecord, readLocalPipelineRecord } from "../local/state.js";
import { connectRedis, redactRedisUrl } from "../targets/connect.js";
import { recentDeadLettersHeld } from "./deadLetterMeta.js";
import { factsFromSnapshot, WINDOW_MS } from "./localFacts.js";
import { readRedisFacts, unreachableRedis } from "./redisFacts.js";
import type { RedisFacts, StatusFacts } from "./types.js";

export interface LocalStatusDeps {
  readRecord?: (env: NodeJS.ProcessEnv) => Promise<LocalPipelineRecord>;
  now?: () => number;
  /** How long to wait for Redis before reporting it unreachable. */
  redisTimeoutMs?: number;
}

/** The counters file of a running `dev`; a clear error when it has not written one. */
export async function readStatsSnapshot(record: LocalPipelineRecord): Promise<PipelineStatsSnapshot> {
  const file = record.statsFile ?? join(record.runDir, STATS_FILE_NAME);
  try {
    return JSON.parse(await readFile(file, "utf8")) as PipelineStatsSnapshot;
  } catch (cause) {
    throw new CliError(`The local pipeline (process ${record.pid}) has no readable counters at ${file}.`, {
      hint: "Restart it with this version: stop `bavest-signals dev` (Ctrl-C), then run: bavest-signals dev",
      cause,
    });
  }
}

async function localRedisFacts(
  record: LocalPipelineRecord,
  now: number,
  timeoutMs: number,
): Promise<RedisFacts> {
  const target = {
    url: record.redis_url,
    prefix: record.redis_prefix || DEFAULT_KEY_PREFIX,
    description: "the local pipeline",
  };
  let redis: Awaited<ReturnType<typeof connectRedis>>;
  try {
    redis = await connectRedis(target, timeoutMs);
  } catch (error) {
    const cause = error instanceof CliError && error.cause ? error.cause : error;
    return unreachableRedis(
      new Error(`${redactRedisUrl(record.redis_url)} does not answer (${errorMessage(cause)})`),
    );
  }
  try {
    return await readRedisFacts(redis, redisKeys(target.prefix), now);
  } catch (error) {
    return unreachableRedis(error);
  } finally {
    redis.disconnect();
  }
}

/** What waits on dev's stream after its checkpoints (only when dev keeps them on disk). */
async function streamBacklog(record: LocalPipelineRecord) {
  if (!record.checkpointsFile) return null;
  const [{ countBacklog }, { readCheckpoints }, { createLocalKinesisClient }] = await Promise.all([
    import("../local/mapping/backlog.js"),
    import("../local/mapping/checkpoints.js"),
    import("../local/servers/kinesisClient.js"),
  ]);
  const client = await createLocalKinesisClient(record.kinesis_endpoint);
  try {
    const checkpoints = await readCheckpoints(record.checkpointsFile, record.kinesis_stream_name);
    return await countBacklog(client, record.kinesis_stream_name, checkpoints, 50_000);
  } finally {
    client.destroy();
  }
}

/** Envelopes in the dead-letter file (it survives restarts of dev), or null when it cannot be read. */
export async function countDeadLetterFile(file: string): Promise<number | null> {
  try {
    const text = await readFile(file, "utf8");
    return text.split("\n").filter((line) => line.trim().length > 0).length;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? 0 : null;
  }
}

/** Everything `status --local` shows, from the record and counters `dev` writes and its Redis. */
export async function gatherLocalFacts(
  env: NodeJS.ProcessEnv,
  deps: LocalStatusDeps = {},
): Promise<StatusFacts> {
  const now = (deps.now ?? Date.now)();
  const record = await (deps.readRecord ?? readLocalPipelineRecord)(env);
  const snapshot = await readStatsSnapshot(record);
  const redis = await localRedisFacts(record, now, deps.redisTimeoutMs ?? 1_500);
  const facts = factsFromSnapshot(snapshot, now);
  const backlog = await streamBacklog(record).catch(() => null);
  if (backlog) {
    // "in" is counted on the stream itself: what was done with plus what still waits.
    facts.stream.backlog = backlog.records;
    facts.stream.backlogAgeMs =
      backlog.oldestArrivalMs === null ? 0 : Math.max(0, now - backlog.oldestArrivalMs);
    for (const [window, ms] of Object.entries(WINDOW_MS) as Array<[keyof typeof WINDOW_MS, number]>) {
      facts.stream.windows[window].in += backlog.arrivals.filter((at) => at > now - ms).length;
    }
  }
  const inFile = await countDeadLetterFile(record.deadLetterFile);
  if (inFile !== null) facts.processing.deadLetters = inFile;
  const held = await recentDeadLettersHeld(deadLetterMetaFile(record.deadLetterFile), now, WINDOW_MS["5m"]);
  if (held !== null) facts.processing.recentDeadLettersHeld = held;
  return { target: "local", ...facts, redis };
}
