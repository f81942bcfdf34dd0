import { InterruptedError } from "../../lib/errors.js";
import type { Output } from "../../lib/output.js";
import { startProgress } from "../../lib/progress.js";
import type { RunningPipeline } from "../pipeline/pipeline.js";
import { watchForShutdown } from "../shutdown.js";
import { isProcessAlive } from "../state.js";
import { type DemoReport, demoPipelineOptions, replayAndInspect } from "./demo.js";

/**
 * Starts a private pipeline (its own servers, no record for `--local`, no schedule), replays
 * the sample fixture, reads the results and stops everything, also on Ctrl-C (exit 130).
 */
export async function runDemo(
  options: { detailSymbol: string; env: NodeJS.ProcessEnv; exit: (code: number) => void },
  output: Output,
): Promise<DemoReport> {
  let redisPid: number | undefined;
  const watch = watchForShutdown(
    () => {
      if (redisPid !== undefined && isProcessAlive(redisPid)) process.kill(redisPid, "SIGKILL");
    },
    { exit: options.exit, forcedExitCode: 130, deadlineFromRequest: 1 },
  );
  const interrupted = watch.requested.then((): never => {
    throw new InterruptedError();
  });
  interrupted.catch(() => undefined);
  const { startLocalPipeline } = await import("../pipeline/pipeline.js");
  const progress = await startProgress(output, "Starting the local pipeline");
  const starting: Promise<RunningPipeline> = startLocalPipeline(demoPipelineOptions(options.env));
  starting.then(
    (pipeline) => {
      redisPid = pipeline.record.redisPid;
    },
    () => undefined,
  );
  try {
    const pipeline = await Promise.race([starting, interrupted]);
    progress.update("Replaying fixtures/sample.json and waiting for every record");
    const report = await Promise.race([
      replayAndInspect(pipeline, { detailSymbol: options.detailSymbol, fancy: output.stdoutFancy }),
      interrupted,
    ]);
    progress.succeed(`Processed ${report.completed} of ${report.sent} records.`);
    return report;
  } catch (error) {
    progress.fail("The demo did not finish.");
    throw error;
  } finally {
    // Also stops a pipeline that finished starting after Ctrl-C.
    const pipeline = await starting.catch(() => undefined);
    await pipeline?.stop();
    watch.dispose();
  }
}
