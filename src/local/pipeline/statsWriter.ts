import { jsonFileWriter } from "../../lib/jsonFileWriter.js";
import type { PipelineStats } from "./pipelineStats.js";

/** The counters file in the run folder that `status --local` reads. */
export const STATS_FILE_NAME = "stats.json";

export interface StatsWriter {
  /** Writes one last time and stops the timer. */
  stop(): Promise<void>;
}

/**
 * Rewrites `file` every `everyMs` and after each change, atomically and never two writes at
 * once (see jsonFileWriter).
 */
export function startStatsWriter(stats: PipelineStats, file: string, everyMs = 1_000): StatsWriter {
  // A full disk must not stop the pipeline; the file is only a window on it.
  const writer = jsonFileWriter(file, () => stats.snapshot());
  const write = writer.write;
  stats.onChange = () => void write();
  const timer = setInterval(() => void write(), everyMs);
  timer.unref();
  void write();
  return {
    async stop() {
      clearInterval(timer);
      stats.onChange = undefined;
      await writer.flush();
    },
  };
}
