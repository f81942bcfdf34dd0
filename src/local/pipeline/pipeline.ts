import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { decodeRecordData } from "../../core/envelope.js";
import { localRunDir } from "../../lib/paths.js";
import { countBacklog } from "../mapping/backlog.js";
import { defaultBackoffMs } from "../mapping/batchDelivery.js";
import { readCheckpoints, startCheckpointWriter } from "../mapping/checkpoints.js";
import { appendDeadLetters } from "../mapping/deadLetter.js";
import { type MappingStats, startEventSourceMapping } from "../mapping/eventSourceMapping.js";
import type { ProcessingHandler, StreamRecord } from "../mapping/kinesisEvent.js";
import { kinesisShardReader } from "../mapping/shardReader.js";
import { startLocalKinesis } from "../servers/kinesisServer.js";
import type { LocalPipelineRecord } from "../state.js";
import { combineListeners } from "./combineListeners.js";
import { processingEnv } from "./lambdaEnv.js";
import { type LambdaHost, startLambdaHost } from "./lambdaHost.js";
import { startIngestion } from "./pipelineIngestion.js";
import { FUNCTION_NAMES, FUNCTION_TIMEOUT_MS, type LocalPipelineOptions } from "./pipelineOptions.js";
import { APPEND_ONLY_DIR, startRedisTarget } from "./pipelineRedis.js";
import { preparePipelineState } from "./pipelineState.js";
import { createPipelineStats } from "./pipelineStats.js";
import { pipelineWrites } from "./pipelineWrites.js";
import { STATS_FILE_NAME, startStatsWriter } from "./statsWriter.js";
import { createWriteFaults } from "./writeFaults.js";

/** A started local pipeline: what it listens on, its counters, and one way to stop it all. */
export interface RunningPipeline {
  record: LocalPipelineRecord;
  kinesis: KinesisClient;
  shardIds: string[];
  symbols: string[];
  /** The stream was kept from an earlier dev (its records and checkpoints still there). */
  resumed: boolean;
  /** The checkpoints the trigger started after, per shard (none: from TRIM_HORIZON). */
  startCheckpoints: Readonly<Record<string, string>>;
  /** With --fresh: what was removed before starting (empty when nothing was kept). */
  dropped: string[];
  stats(): MappingStats;
  /** Records being delivered right now. */
  inFlight(): number;
  /** Stops reading the stream; resolves once the batches in flight are done with. */
  drain(): Promise<void>;
  /** Records on the stream that wait for processing (read from the stream itself). */
  backlog(): Promise<number>;
  /** Stops everything started, in reverse order; safe to call twice. */
  stop(): Promise<void>;
}

type Cleanup = () => Promise<unknown>;

/** Runs cleanups newest first; one failing does not keep the others from running. */
async function runCleanups(cleanups: Cleanup[]): Promise<void> {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
}

/**
 * Starts Redis (or connects to --redis-url), the Kinesis server with the stream, the Bavest
 * stand-in, the processing function behind the emulated Kinesis trigger, and the scheduled
 * ingestion. When a step fails, what already started is stopped before the error propagates.
 */
export async function startLocalPipeline(options: LocalPipelineOptions): Promise<RunningPipeline> {
  const cleanups: Cleanup[] = [];
  try {
    return await assemble(options, cleanups);
  } catch (error) {
    await runCleanups(cleanups);
    throw error;
  }
}

async function assemble(options: LocalPipelineOptions, cleanups: Cleanup[]): Promise<RunningPipeline> {
  const runDir = options.runDir ?? localRunDir(options.env);
  await mkdir(runDir, { recursive: true });
  const deadLetterFile = join(runDir, "dead-letter.jsonl");
  const state = options.persist ? await preparePipelineState(runDir, options.fresh === true) : undefined;
  // Every write dev makes reports here; a full disk is shown and outlived, never fatal.
  const faults = createWriteFaults(options.listener);
  const writes = pipelineWrites(faults, runDir);
  cleanups.push(async () => writes.stop());
  const redis = await startRedisTarget(options.redisUrl, {
    ...(state ? { dataDir: state.redisDir } : {}),
    listener: {
      onServerDown: (server, how) => {
        if (state) writes.serverDown(join(state.redisDir, APPEND_ONLY_DIR));
        options.listener?.onServerDown?.(server, how);
      },
      onServerBack: (server, detail) => {
        if (redis.pid !== undefined) record.redisPid = redis.pid;
        options.listener?.onServerBack?.(server, detail);
      },
    },
  });
  cleanups.push(() => redis.stop());
  const storeFile = state?.kinesisDir ?? "the stream (in memory)";
  const kinesis = await startLocalKinesis({
    streamName: options.streamName,
    shards: options.shards,
    ...(state ? { path: state.kinesisDir } : {}),
    onStoreWrite: (error) => (error ? faults.failed(storeFile, error) : faults.succeeded(storeFile)),
    refuseWrites: writes.storeRefusal,
  });
  cleanups.push(() => kinesis.stop());
  const checkpoints = state ? await readCheckpoints(state.checkpointsFile, options.streamName) : {};
  const checkpointWriter = state
    ? startCheckpointWriter(
        state.checkpointsFile,
        options.streamName,
        checkpoints,
        writes.reporting(state.checkpointsFile),
      )
    : undefined;
  const counters = createPipelineStats({
    shards: kinesis.shardIds.length,
    ingestEveryMs: options.ingestEveryMs,
  });
  const checkpointing = {
    onDelivered: (shardId: string, records: readonly StreamRecord[]) => {
      const last = records[records.length - 1];
      if (last) checkpointWriter?.save(shardId, last.sequenceNumber);
    },
  };
  const listener = combineListeners(options.listener, counters.listener, checkpointing);
  const statsFile = join(runDir, STATS_FILE_NAME);
  const processing = await startLambdaHost({
    name: "processing",
    functionName: FUNCTION_NAMES.processing,
    env: processingEnv({
      ...options,
      functionName: FUNCTION_NAMES.processing,
      redis: redis.target,
      keyPrefix: options.redisPrefix,
      parent: options.env,
    }),
    logFile: join(runDir, "processing.log"),
    logGuard: writes.logGuard(join(runDir, "processing.log")),
    region: options.region,
    timeoutMs: FUNCTION_TIMEOUT_MS,
  });
  cleanups.push(processing.stop);
  const mapping = startEventSourceMapping({
    identity: {
      region: options.region,
      streamName: options.streamName,
      functionName: FUNCTION_NAMES.processing,
    },
    shardIds: kinesis.shardIds,
    batching: { batchSize: options.batchSize, batchingWindowMs: options.batchingWindowMs, idlePollMs: 200 },
    retry: { maxRetries: options.maxRetries, bisectOnError: true, backoffMs: defaultBackoffMs },
    handler: handlerOf(processing),
    reader: await kinesisShardReader(kinesis.client, options.streamName),
    deadLetter: (records, reason, attempts) =>
      writes.tracked(deadLetterFile, () =>
        appendDeadLetters(deadLetterFile, { shardId: records[0]?.shardId ?? "", records, reason, attempts }),
      ),
    invokeTimeoutMs: FUNCTION_TIMEOUT_MS,
    countRejected,
    listener,
    checkpoints,
  });
  cleanups.push(async () => {
    await mapping.stop(1_500);
    await checkpointWriter?.flush();
  });
  const ingestion = await startIngestion(
    { ...options, listener },
    { kinesisEndpoint: kinesis.endpoint, runDir, logGuard: writes.logGuard(join(runDir, "ingestion.log")) },
  );
  cleanups.push(ingestion.stop);
  const writer = startStatsWriter(counters, statsFile, {
    alongside: () => ({ positions: mapping.positions(), writeFailures: faults.list() }),
    ...writes.reporting(statsFile),
  });
  cleanups.push(writer.stop);
  const record: LocalPipelineRecord = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    kinesis_stream_name: options.streamName,
    kinesis_endpoint: kinesis.endpoint,
    region: options.region,
    redis_primary_endpoint: `${redis.target.host}:${redis.target.port}`,
    redis_url: redis.url,
    bavest_api_url: ingestion.apiUrl,
    redis_prefix: options.redisPrefix,
    runDir,
    deadLetterFile,
    ...(redis.pid === undefined ? {} : { redisPid: redis.pid }),
    shards: kinesis.shardIds.length,
    statsFile,
    ...(state ? { checkpointsFile: state.checkpointsFile } : {}),
  };
  let stopped: Promise<void> | undefined;
  return {
    record,
    kinesis: kinesis.client,
    shardIds: kinesis.shardIds,
    symbols: ingestion.symbols,
    resumed: kinesis.resumed,
    startCheckpoints: checkpoints,
    dropped: state?.dropped ?? [],
    stats: mapping.stats,
    inFlight: mapping.inFlight,
    drain: async () => {
      await mapping.drain();
      await checkpointWriter?.flush();
    },
    backlog: async () =>
      (await countBacklog(kinesis.client, options.streamName, mapping.positions())).records,
    stop: () => {
      stopped ??= runCleanups(cleanups);
      return stopped;
    },
  };
}

/** The processing function, with the duplicates and stale records it logged riding along. */
function handlerOf(host: LambdaHost): ProcessingHandler {
  return async (event) => {
    const { result, counts } = await host.invokeCounted(event);
    const response = (result ?? {}) as Record<string, unknown>;
    return (counts ? { ...response, localCounts: counts } : response) as Awaited<
      ReturnType<ProcessingHandler>
    >;
  };
}

/** Records the processing function will quarantine: the same decoding rules, run here to count them. */
function countRejected(records: readonly StreamRecord[]): number {
  return records.filter((record) => !decodeRecordData(record.data).ok).length;
}
