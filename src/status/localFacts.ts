import {
  emptyMinute,
  type MinuteCounters,
  type PipelineStatsSnapshot,
} from "../local/pipeline/pipelineStats.js";
import type { IngestionFacts, ProcessingFacts, StreamFacts, Windows } from "./types.js";

const MINUTE_MS = 60_000;
export const WINDOW_MS = { "5m": 5 * MINUTE_MS, "60m": 60 * MINUTE_MS } as const;

type Summed = Omit<MinuteCounters, "minute">;

/** Sums the minutes that overlap the last `windowMs` (a started minute counts whole). */
export function sumWindow(minutes: readonly MinuteCounters[], now: number, windowMs: number): Summed {
  const { minute: _minute, ...sum } = emptyMinute(0);
  for (const minute of minutes) {
    if (minute.minute + MINUTE_MS <= now - windowMs) continue;
    for (const key of Object.keys(sum) as Array<keyof Summed>) {
      // Counters files of an older dev lack the newer counters.
      const value = minute[key] ?? 0;
      sum[key] = key === "maxIteratorAgeMs" ? Math.max(sum[key], value) : sum[key] + value;
    }
  }
  return sum;
}

function windowsOf<T>(now: number, minutes: readonly MinuteCounters[], pick: (sum: Summed) => T): Windows<T> {
  return {
    "5m": pick(sumWindow(minutes, now, WINDOW_MS["5m"])),
    "60m": pick(sumWindow(minutes, now, WINDOW_MS["60m"])),
  };
}

/** The ingestion, stream and processing facts of a running `dev`, from its counters file. */
export function factsFromSnapshot(
  snapshot: PipelineStatsSnapshot,
  now: number,
): { ingestion: IngestionFacts; stream: StreamFacts; processing: ProcessingFacts } {
  const { ingestion } = snapshot;
  return {
    ingestion: {
      scheduled: ingestion.everyMs !== null,
      everyMs: ingestion.everyMs,
      lastRunAt: ingestion.lastRunAt ?? null,
      lastRunOk: ingestion.lastRunOk ?? null,
      recordsWritten: ingestion.recordsWritten ?? null,
      symbolsFailed: ingestion.symbolsFailed ?? null,
      nextRunAt: ingestion.nextRunAt ?? null,
      lookbackMs: Math.max(0, now - Date.parse(snapshot.startedAt)),
      ...(ingestion.error ? { error: ingestion.error } : {}),
    },
    stream: {
      windows: windowsOf(now, snapshot.minutes, (sum) => ({ in: sum.streamIn, out: sum.streamOut })),
      iteratorAgeMs: sumWindow(snapshot.minutes, now, WINDOW_MS["5m"]).maxIteratorAgeMs,
      shards: snapshot.shards,
    },
    processing: {
      windows: windowsOf(now, snapshot.minutes, (sum) => ({
        batches: sum.batches,
        stored: sum.stored,
        updated: sum.updated,
        duplicates: sum.duplicates,
        stale: sum.stale,
        rejected: sum.rejected,
        failed: sum.failed,
        failedBatches: sum.failedBatches,
        deadLettered: sum.deadLettered,
      })),
      deadLetters: snapshot.totals.deadLettered,
      stuck: (snapshot.stuck ?? []).map(({ shardId, since, reason, records, attempts }) => ({
        shardId,
        since,
        reason,
        records,
        attempts,
      })),
    },
  };
}
