import { rename, writeFile } from "node:fs/promises";
import type { PipelineStats } from "./pipelineStats.js";

/** The counters file in the run folder that `status --local` reads. */
export const STATS_FILE_NAME = "stats.json";

export interface StatsWriter {
  /** Writes one last time and stops the timer. */
  stop(): Promise<void>;
}

/**
 * Rewrites `file` every `everyMs` and after each change, atomically (a temporary file renamed
 * over it), so a reader never sees half a document. Writes never overlap: a change during a
 * write is folded into one more write after it.
 */
export function startStatsWriter(stats: PipelineStats, file: string, everyMs = 1_000): StatsWriter {
  const temporary = `${file}.${process.pid}.tmp`;
  let writing: Promise<void> | undefined;
  let again = false;
  const write = (): Promise<void> => {
    if (writing) {
      again = true;
      return writing;
    }
    writing = (async () => {
      do {
        again = false;
        await writeFile(temporary, `${JSON.stringify(stats.snapshot())}\n`, "utf8");
        await rename(temporary, file);
      } while (again);
    })()
      // A full disk must not stop the pipeline; the file is only a window on it.
      .catch(() => undefined)
      .finally(() => {
        writing = undefined;
      });
    return writing;
  };
  stats.onChange = () => void write();
  const timer = setInterval(() => void write(), everyMs);
  timer.unref();
  void write();
  return {
    async stop() {
      clearInterval(timer);
      stats.onChange = undefined;
      await writing;
      await write();
    },
  };
}
