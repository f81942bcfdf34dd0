import type { OutcomeCounts } from "../../core/outcomes.js";
import type { BatchEvent, DeadLetterEvent, StuckEvent } from "../mapping/eventSourceMapping.js";
import type { StreamRecord } from "../mapping/kinesisEvent.js";
import type { IngestionRun, PipelineListener } from "./pipelineOptions.js";

/**
 * Counters of one minute of a running `dev`, keyed by the minute's start (epoch ms). The
 * outcome counts are one per record, as the processing function's write reported it
 * (src/core/outcomes.ts); `failed` counts each attempt of a retried record (`deadLettered` is
 * where they ended).
 */
export interface MinuteCounters extends OutcomeCounts {
  minute: number;
  /** Records that arrived on the stream in this minute (counted once they are read). */
  streamIn: number;
  /** Records the trigger finished with in this minute (processed or dead-lettered). */
  streamOut: number;
  batches: number;
  records: number;
  /** Records whose Bavest `pe/ratio` and price / EPS differ by more than 1% (a currency mismatch shows here first). */
  peDisagreements: number;
  /** Invocations that reported failures or threw. */
  failedBatches: number;
  deadLettered: number;
  maxIteratorAgeMs: number;
}

export interface IngestionSnapshot {
  everyMs: number | null;
  lastRunAt?: string;
  lastRunOk?: boolean;
  recordsWritten?: number;
  symbolsFailed?: number;
  error?: string;
  nextRunAt?: string;
}

/** What `dev` writes to `stats.json` in its run folder for `status --local`. */
export interface PipelineStatsSnapshot {
  schemaVersion: 1;
  writtenAt: string;
  startedAt: string;
  shards: number;
  /** The last 60 minutes, oldest first; minutes without activity are left out. */
  minutes: MinuteCounters[];
  totals: Omit<MinuteCounters, "minute" | "maxIteratorAgeMs">;
  lastBatchAt?: string;
  lastIteratorAgeMs?: number;
  ingestion: IngestionSnapshot;
  /** Shards holding a batch they could neither deliver nor dead-letter (empty when none). */
  stuck?: StuckEvent[];
}

const MINUTE_MS = 60_000;
const KEEP_MINUTES = 60;

/** A minute with nothing counted yet. */
export function emptyMinute(minute: number): MinuteCounters {
  return {
    minute,
    streamIn: 0,
    streamOut: 0,
    batches: 0,
    records: 0,
    stored: 0,
    updated: 0,
    duplicates: 0,
    stale: 0,
    rejected: 0,
    failed: 0,
    peDisagreements: 0,
    failedBatches: 0,
    deadLettered: 0,
    maxIteratorAgeMs: 0,
  };
}

type Counter = Exclude<keyof MinuteCounters, "minute" | "maxIteratorAgeMs">;

/** The counters `dev` keeps, fed by the pipeline's listener, read as a snapshot. */
export interface PipelineStats {
  listener: PipelineListener;
  snapshot(): PipelineStatsSnapshot;
  /** Called after each change (a batch, a dead letter, an ingestion run). */
  onChange?: () => void;
}

/** Per-minute counters over the last hour, plus the last ingestion run. */
export function createPipelineStats(
  options: { shards: number; ingestEveryMs: number | null },
  now: () => number = Date.now,
): PipelineStats {
  const startedAt = new Date(now()).toISOString();
  const minutes = new Map<number, MinuteCounters>();
  const totals = emptyMinute(0);
  const ingestion: IngestionSnapshot = { everyMs: options.ingestEveryMs };
  let lastBatchAt: string | undefined;
  let lastIteratorAgeMs: number | undefined;
  const stuck = new Map<string, StuckEvent>();
  const bucket = (at: number): MinuteCounters | undefined => {
    const minute = Math.floor(at / MINUTE_MS) * MINUTE_MS;
    if (minute <= now() - KEEP_MINUTES * MINUTE_MS) return undefined;
    let counters = minutes.get(minute);
    if (!counters) {
      counters = emptyMinute(minute);
      minutes.set(minute, counters);
    }
    return counters;
  };
  const add = (at: number, counter: Counter, amount: number) => {
    const counters = bucket(at);
    if (counters) counters[counter] += amount;
    totals[counter] += amount;
  };
  const stats: PipelineStats = {
    listener: {
      onBatch(event: BatchEvent) {
        const at = now();
        const rejected = event.rejected ?? 0;
        add(at, "batches", 1);
        add(at, "records", event.records);
        add(at, "rejected", rejected);
        add(at, "failed", event.failed);
        const duplicates = event.duplicates ?? 0;
        const stale = event.stale ?? 0;
        const updated = event.updated ?? 0;
        add(at, "duplicates", duplicates);
        add(at, "stale", stale);
        add(at, "updated", updated);
        add(at, "peDisagreements", event.peDisagreements ?? 0);
        // The function reports `stored`; a function that does not (an older bundle) leaves the rest.
        const rest = event.records - rejected - event.failed - duplicates - stale - updated;
        add(at, "stored", event.stored ?? Math.max(0, rest));
        if (event.failed > 0 || event.error) add(at, "failedBatches", 1);
        const counters = bucket(at);
        if (counters) counters.maxIteratorAgeMs = Math.max(counters.maxIteratorAgeMs, event.iteratorAgeMs);
        lastBatchAt = new Date(at).toISOString();
        lastIteratorAgeMs = event.iteratorAgeMs;
        stats.onChange?.();
      },
      onDeadLetter(event: DeadLetterEvent) {
        add(now(), "deadLettered", event.records);
        stats.onChange?.();
      },
      onDelivered(_shardId: string, records: readonly StreamRecord[]) {
        for (const record of records) add(record.approximateArrivalTimestamp.getTime(), "streamIn", 1);
        add(now(), "streamOut", records.length);
        stats.onChange?.();
      },
      onStuck(event: StuckEvent) {
        stuck.set(event.shardId, event);
        stats.onChange?.();
      },
      onMovesAgain(shardId: string) {
        stuck.delete(shardId);
        stats.onChange?.();
      },
      onIngestion(run: IngestionRun) {
        recordIngestion(ingestion, run, now());
        stats.onChange?.();
      },
    },
    snapshot() {
      for (const minute of minutes.keys()) if (!bucket(minute)) minutes.delete(minute);
      const { minute: _minute, maxIteratorAgeMs: _max, ...counts } = totals;
      return {
        schemaVersion: 1,
        writtenAt: new Date(now()).toISOString(),
        startedAt,
        shards: options.shards,
        minutes: [...minutes.values()].sort((a, b) => a.minute - b.minute).map((m) => ({ ...m })),
        totals: counts,
        ...(lastBatchAt ? { lastBatchAt } : {}),
        ...(lastIteratorAgeMs === undefined ? {} : { lastIteratorAgeMs }),
        ingestion: { ...ingestion },
        stuck: [...stuck.values()].map((event) => ({ ...event })),
      };
    },
  };
  return stats;
}

function recordIngestion(ingestion: IngestionSnapshot, run: IngestionRun, at: number): void {
  const summary = (run.summary ?? {}) as { written?: unknown; failures?: unknown; durationMs?: unknown };
  const durationMs = typeof summary.durationMs === "number" ? summary.durationMs : 0;
  ingestion.lastRunAt = new Date(at).toISOString();
  ingestion.lastRunOk = run.ok;
  ingestion.recordsWritten = typeof summary.written === "number" ? summary.written : undefined;
  ingestion.symbolsFailed = Array.isArray(summary.failures) ? summary.failures.length : undefined;
  ingestion.error = run.error;
  if (ingestion.everyMs !== null) {
    ingestion.nextRunAt = new Date(at + Math.max(0, ingestion.everyMs - durationMs)).toISOString();
  }
}
