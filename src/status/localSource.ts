import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_KEY_PREFIX, redisKeys } from "../core/redisKeys.js";
import { CliError, errorMessage } from "../lib/errors.js";
import { deadLetterMetaFile } from "../local/mapping/deadLetter.js";
import { STATS_FILE_NAME, type StatsFileDocument } from "../local/pipeline/statsWriter.js";
import { freeBytes, RECORDS_FREE_SPACE_RESERVE_BYTES } from "../local/pipeline/writeFaults.js";
import { type LocalPipelineRecord, readLocalPipelineRecord } from "../local/state.js";
import { connectRedis, redactRedisUrl } from "../targets/connect.js";
import { recentDeadLettersHeld } from "./deadLetterMeta.js";
import { factsFromSnapshot, WINDOW_MS } from "./localFacts.js";
import { readRedisFacts, unreachableRedis } from "./redisFacts.js";
import type { RedisFacts, StatusFacts, WriteFailureFacts } from "./types.js";

export interface LocalStatusDeps {
  readRecord?: (env: NodeJS.ProcessEnv) => Promise<LocalPipelineRecord>;
  now?: () => number;
  /** How long to wait for Redis before reporting it unreachable. */
  redisTimeoutMs?: number;
}

/** The counters file of a running `dev`; a clear error when it has not written one. */
export async function readStatsSnapshot(record: LocalPipelineRecord): Promise<StatsFileDocument> {
  const file = statsFileOf(record);
  try {
    return JSON.parse(await readFile(file, "utf8")) as StatsFileDocument;
  } catch (cause) {
    throw new CliError(`The local pipeline (process ${record.pid}) has no readable counters at ${file}.`, {
      hint: "Restart it with this version: stop `bavest-signals dev` (Ctrl-C), then run: bavest-signals dev",
      cause,
    });
  }
}

function statsFileOf(record: LocalPipelineRecord): string {
  return record.statsFile ?? join(record.runDir, STATS_FILE_NAME);
}

/** dev rewrites its counters every second: older than this, it cannot write them. */
export const STATS_STALE_MS = 30_000;

/**
 * What dev says it cannot write; its counters file itself when dev has stopped rewriting it;
 * and its state folder when that disk is full (then dev cannot say so in any file).
 */
function writeFailuresOf(
  snapshot: StatsFileDocument,
  record: LocalPipelineRecord,
  now: number,
): WriteFailureFacts[] {
  const file = statsFileOf(record);
  const failures = [...(snapshot.writeFailures ?? [])];
  const free = freeBytes(record.runDir);
  if (free !== null && free < RECORDS_FREE_SPACE_RESERVE_BYTES) {
    failures.push({
      file: record.runDir,
      reason: `No space left on device: ${free} bytes free on its disk; records are refused until there is room`,
      since: new Date(now).toISOString(),
    });
  }
  const writtenAt = Date.parse(snapshot.writtenAt);
  if (Number.isFinite(writtenAt) && now - writtenAt > STATS_STALE_MS) {
    failures.push({
      file,
      reason: `not rewritten for ${Math.round((now - writtenAt) / 1000)} s (dev rewrites it every second); the numbers below are from ${snapshot.writtenAt}`,
      since: snapshot.writtenAt,
    });
  }
  return failures;
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

/**
 * What waits on dev's stream after the positions its counters were taken at (so that no
 * record is counted both as done and as waiting), or after its checkpoints file when the
 * counters file of an older dev has none.
 */
async function streamBacklog(record: LocalPipelineRecord, positions: Record<string, string> | undefined) {
  if (!record.checkpointsFile && !positions) return null;
  const checkpointsFile = record.checkpointsFile;
  const [{ countBacklog }, { readCheckpoints }, { createLocalKinesisClient }] = await Promise.all([
    import("../local/mapping/backlog.js"),
    import("../local/mapping/checkpoints.js"),
    import("../local/servers/kinesisClient.js"),
  ]);
  const client = await createLocalKinesisClient(record.kinesis_endpoint);
  try {
    const checkpoints =
      positions ??
      (checkpointsFile ? await readCheckpoints(checkpointsFile, record.kinesis_stream_name) : {});
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
  const backlog = await streamBacklog(record, snapshot.positions).catch(() => null);
  const writeFailures = writeFailuresOf(snapshot, record, now);
  if (writeFailures.length > 0) facts.processing.writeFailures = writeFailures;
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
