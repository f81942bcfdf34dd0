import { jsonFileWriter } from "../../lib/jsonFileWriter.js";
import type { PipelineStats, PipelineStatsSnapshot } from "./pipelineStats.js";
import type { WriteFault } from "./writeFaults.js";

/** The counters file in the run folder that `status --local` reads. */
export const STATS_FILE_NAME = "stats.json";

/** What the counters file holds: the counters, and what was true at the same moment. */
export interface StatsFileDocument extends PipelineStatsSnapshot {
  /**
   * The last sequence number done with per shard, taken with the counters: the records up to
   * them are the ones counted, so a reader adding what waits after them counts each record
   * once (the checkpoints file is written at its own pace and may be a batch behind).
   */
  positions?: Record<string, string>;
  /** dev's files that it cannot write right now (a full disk). */
  writeFailures?: WriteFault[];
}

export interface StatsWriter {
  /** Writes one last time and stops the timer. */
  stop(): Promise<void>;
}

export interface StatsWriterOptions {
  everyMs?: number;
  /** Read with the counters, in the same turn, into the same document. */
  alongside?: () => Pick<StatsFileDocument, "positions" | "writeFailures">;
  onError?: (error: unknown) => void;
  onWritten?: () => void;
}

/**
 * Rewrites `file` every `everyMs` and after each change, atomically and never two writes at
 * once (see jsonFileWriter).
 */
export function startStatsWriter(
  stats: PipelineStats,
  file: string,
  options: StatsWriterOptions = {},
): StatsWriter {
  // A full disk must not stop the pipeline; the file is only a window on it.
  const writer = jsonFileWriter(
    file,
    (): StatsFileDocument => ({ ...stats.snapshot(), ...options.alongside?.() }),
    options.onError,
    options.onWritten ? { onWritten: options.onWritten } : {},
  );
  const write = writer.write;
  stats.onChange = () => void write();
  const timer = setInterval(() => void write(), options.everyMs ?? 1_000);
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
