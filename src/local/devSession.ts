import type { ChalkInstance } from "chalk";
import { CliError } from "../lib/errors.js";
import type { Output } from "../lib/output.js";
import { startProgress } from "../lib/progress.js";
import { reapAbandonedPipeline } from "./abandoned.js";
import { renderBatchLine, renderDeadLetterLine, renderIngestionLine } from "./devRender.js";
import type { RunningPipeline } from "./pipeline.js";
import type { LocalPipelineOptions, PipelineListener } from "./pipelineOptions.js";
import { watchForShutdown } from "./shutdown.js";
import {
  isProcessAlive,
  type LocalPipelineRecord,
  readLocalPipelineRecord,
  removeLocalPipelineRecord,
  writeLocalPipelineRecord,
} from "./state.js";

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
    onReadError: (shardId, error) =>
      output.warn(
        `${shardId}: reading the stream failed (${error instanceof Error ? error.message : String(error)})`,
      ),
  };
}

/**
 * Runs the pipeline until SIGINT or SIGTERM: starts it, writes the record the `--local`
 * commands read, calls `ready`, then stops everything and removes the record.
 */
export async function runUntilSignal(
  options: LocalPipelineOptions,
  output: Output,
  ready: (pipeline: RunningPipeline) => void,
): Promise<void> {
  let redisPid: number | undefined;
  const watch = watchForShutdown(() => {
    if (redisPid !== undefined && isProcessAlive(redisPid)) process.kill(redisPid, "SIGKILL");
  }, DEV_STOPPED_EXIT_CODE);
  try {
    const progress = await startProgress(output, "Starting the local pipeline");
    const { startLocalPipeline } = await import("./pipeline.js");
    const pipeline = await startLocalPipeline(options).catch((error) => {
      progress.fail("The local pipeline did not start.");
      throw error;
    });
    redisPid = pipeline.record.redisPid;
    progress.succeed("Local pipeline started.");
    await writeLocalPipelineRecord(pipeline.record, options.env);
    ready(pipeline);
    const signal = await watch.requested;
    output.info(`Received ${signal}, stopping...`);
    await removeLocalPipelineRecord(options.env);
    await pipeline.stop();
    output.info("Stopped.");
  } finally {
    await removeLocalPipelineRecord(options.env).catch(() => undefined);
    watch.dispose();
  }
}
