import type { ChalkInstance } from "chalk";
import { CliError, errorMessage } from "../../lib/errors.js";
import type { Output } from "../../lib/output.js";
import { startProgress } from "../../lib/progress.js";
import type { RunningPipeline } from "../pipeline/pipeline.js";
import type { LocalPipelineOptions, PipelineListener } from "../pipeline/pipelineOptions.js";
import { watchForShutdown } from "../shutdown.js";
import {
  isProcessAlive,
  type LocalPipelineRecord,
  readLocalPipelineRecord,
  removeLocalPipelineRecord,
  writeLocalPipelineRecord,
} from "../state.js";
import { reapAbandonedPipeline } from "./abandoned.js";
import {
  renderBatchLine,
  renderDeadLetterLine,
  renderIngestionLine,
  renderMovesAgainLine,
  renderStuckLine,
  renderWriteFailedLine,
  renderWriteRecoveredLine,
} from "./devRender.js";

/** The exit code of `dev` after Ctrl-C or SIGTERM when everything stopped: stopping is its normal end. */
export const DEV_STOPPED_EXIT_CODE = 0;

/**
 * Refuses to start a second pipeline over the record of one that is still running, and clears
 * what a killed one left behind.
 */
export async function ensureNoPipelineRunning(env: NodeJS.ProcessEnv, output?: Output): Promise<void> {
  let running: LocalPipelineRecord;
  try {
    running = await readLocalPipelineRecord(env);
  } catch {
    const stopped = await reapAbandonedPipeline(env);
    if (stopped !== undefined)
      output?.info(`Stopped redis-server (process ${stopped}) left by an earlier dev.`);
    return;
  }
  throw new CliError(
    `A local pipeline is already running (process ${running.pid}, started ${running.startedAt}).`,
    {
      hint: `Use it (bavest-signals inspect --local), or stop it first: kill ${running.pid}`,
    },
  );
}

/** Prints a compact line per batch, dead letter and ingestion run on stderr. */
export function printingListener(
  output: Output,
  style: ChalkInstance,
  deadLetterFile: () => string,
): PipelineListener {
  return {
    onBatch: (event) => output.info(renderBatchLine(event, style)),
    onDeadLetter: (event) => output.info(renderDeadLetterLine(event, deadLetterFile(), style)),
    onIngestion: (run) => output.info(renderIngestionLine(run, style)),
    onStuck: (event) => output.warn(renderStuckLine(event, style)),
    onServerDown: (server, how) =>
      output.warn(style.red.bold(`${server} died (${how}); starting it again...`)),
    onServerBack: (server, detail) => output.info(style.green(`${server} is back: ${detail}.`)),
    onMovesAgain: (shardId, ms) => output.info(renderMovesAgainLine(shardId, ms, style)),
    onReadError: (shardId, error) =>
      output.warn(`${shardId}: reading the stream failed (${errorMessage(error)})`),
    onWriteFailed: (fault) => output.warn(renderWriteFailedLine(fault, style)),
    onWriteRecovered: (file, ms) => output.info(renderWriteRecoveredLine(file, ms, style)),
  };
}

/**
 * Runs the pipeline until SIGINT, SIGTERM or its parent going away: starts it, writes the
 * record the `--local` commands read, calls `ready`; then drains what is in flight (a second
 * request leaves it for the next start), says how many records wait, stops everything and
 * removes the record. `exit` (the command layer's) ends the process when stopping is cut short.
 */
export async function runUntilSignal(
  options: LocalPipelineOptions,
  output: Output,
  ready: (pipeline: RunningPipeline) => void,
  exit: (code: number) => void,
): Promise<void> {
  let pipeline: RunningPipeline | undefined;
  // SIGTERM, not SIGKILL: redis-server then closes its append-only file cleanly.
  const watch = watchForShutdown(
    () => {
      const pid = pipeline?.record.redisPid;
      if (pid !== undefined && isProcessAlive(pid)) process.kill(pid, "SIGTERM");
    },
    { exit },
  );
  const listener = options.listener;
  const rewriteRecord = () => {
    if (pipeline) void writeLocalPipelineRecord(pipeline.record, options.env).catch(() => undefined);
  };
  options.listener = {
    ...listener,
    onServerBack: (server, detail) => {
      listener?.onServerBack?.(server, detail);
      rewriteRecord();
    },
  };
  try {
    const progress = await startProgress(output, "Starting the local pipeline");
    const { startLocalPipeline } = await import("../pipeline/pipeline.js");
    pipeline = await startLocalPipeline(options).catch((error) => {
      progress.fail("The local pipeline did not start.");
      throw error;
    });
    progress.succeed("Local pipeline started.");
    await writeLocalPipelineRecord(pipeline.record, options.env);
    ready(pipeline);
    if (options.fresh) output.info(freshLine(pipeline.dropped));
    if (pipeline.resumed) await sayResumed(pipeline, options, output);
    const reason = await watch.requested;
    await removeLocalPipelineRecord(options.env);
    await drain(pipeline, reason, watch.again, output);
    const waiting = await withTimeout(pipeline.backlog(), 3_000).catch(() => null);
    await pipeline.stop();
    output.info(stoppedLine(waiting, options.persist === true));
  } finally {
    await removeLocalPipelineRecord(options.env).catch(() => undefined);
    watch.dispose();
  }
}

/** Finishes the batches in flight, with a progress line, unless asked again to stop now. */
async function drain(pipeline: RunningPipeline, reason: string, again: Promise<string>, output: Output) {
  const inFlight = pipeline.inFlight();
  output.info(
    inFlight > 0
      ? `Received ${reason}: stopping. Finishing the ${inFlight} record(s) in flight; press Ctrl-C again to leave them on the stream for the next start.`
      : `Received ${reason}: stopping. Nothing in flight.`,
  );
  const timer = setInterval(() => {
    const left = pipeline.inFlight();
    if (left > 0) output.info(`  draining: ${left} record(s) in flight...`);
  }, 2_000);
  timer.unref();
  try {
    const hurried = await Promise.race([pipeline.drain().then(() => false), again.then(() => true)]);
    if (hurried) output.info("Stopping now: what was in flight waits on the stream for the next start.");
  } finally {
    clearInterval(timer);
  }
}

/** A restart: what the kept stream holds, and a --shards that the kept stream overrides. */
async function sayResumed(pipeline: RunningPipeline, options: LocalPipelineOptions, output: Output) {
  const waiting = await withTimeout(pipeline.backlog(), 3_000).catch(() => null);
  const count = waiting === null ? "" : `: ${waiting} record(s) wait for processing`;
  output.info(`Resumed the stream kept in ${pipeline.record.runDir}${count} (start empty with --fresh).`);
  if (pipeline.shardIds.length !== options.shards) {
    output.warn(
      `The kept stream has ${pipeline.shardIds.length} shard(s), not the ${options.shards} asked for; to change it: bavest-signals dev --fresh --shards ${options.shards}`,
    );
  }
}

/** What --fresh removed, so that nobody wonders where yesterday's records went. */
function freshLine(dropped: readonly string[]): string {
  return dropped.length === 0
    ? "--fresh: nothing was kept from an earlier dev; starting empty."
    : `--fresh: removed ${dropped.join(", ")}; the dead-letter file and the logs are kept.`;
}

function stoppedLine(waiting: number | null, persist: boolean): string {
  if (waiting === null) return "Stopped.";
  if (waiting === 0) return "Stopped. No record waits on the stream.";
  return persist
    ? `Stopped. ${waiting} record(s) wait on the stream; the next \`bavest-signals dev\` processes them (--fresh drops them).`
    : `Stopped. ${waiting} record(s) on the stream were not processed.`;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error("timed out")), ms).unref()),
  ]);
}
