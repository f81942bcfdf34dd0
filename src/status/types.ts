import type { SignalChange } from "../inspect/changes.js";
/** How a part of the pipeline is doing, worst last. */
export type Health = "healthy" | "degraded" | "failing";

/** A health with the reason an operator reads next to it. */
export interface Verdict {
  health: Health;
  reason: string;
}

/** Counts over one window ("5m" or "60m"). */
export type Windows<T> = Record<"5m" | "60m", T>;

export interface StreamCounts {
  in: number;
  out: number;
}

export interface ProcessingCounts {
  batches: number;
  /** Records stored in Redis (or, in the cloud, invocations' records when unknown). */
  stored: number | null;
  /** Corrections (an observation replaced), already stored (replays) and older than the history kept; local only. */
  updated?: number;
  duplicates?: number;
  stale?: number;
  rejected: number | null;
  failed: number;
  /** Invocations that failed (threw or reported failures). */
  failedBatches: number;
  /** Records sent to the dead letter in the window; local only. */
  deadLettered?: number;
}

export interface IngestionFacts {
  /** Runs on a schedule (false: `dev --no-ingest`). */
  scheduled: boolean;
  /** How often it runs, when known; null means it does not run on a schedule. */
  everyMs: number | null;
  lastRunAt: string | null;
  lastRunOk: boolean | null;
  recordsWritten: number | null;
  symbolsFailed: number | null;
  nextRunAt: string | null;
  /** How far back a run would have been seen (since `dev` started, or the metrics' hour). */
  lookbackMs: number;
  error?: string;
}

export interface StreamFacts {
  windows: Windows<StreamCounts>;
  /** Records on the stream not yet done with (local: counted on the stream itself). */
  backlog?: number | null;
  /** The same a moment earlier (status --watch), to tell a growing backlog. */
  previousBacklog?: number | null;
  /** Age of the oldest record of the backlog: how long it has waited. */
  backlogAgeMs?: number | null;
  /** The largest iterator age of the last 5 minutes: how far processing lags. */
  iteratorAgeMs: number | null;
  shards: number | null;
}

/** A shard holding a batch it could neither process nor dead-letter (local pipeline). */
export interface StuckShardFacts {
  shardId: string;
  since: string;
  reason: string;
  /** Records of the held batch; what arrived after them waits too (see the stream's backlog). */
  records: number;
  attempts: number;
}

/** A file of dev's it cannot write right now (a full disk), and why (local pipeline). */
export interface WriteFailureFacts {
  file: string;
  reason: string;
  since: string;
}

export interface ProcessingFacts {
  windows: Windows<ProcessingCounts>;
  /** dev's files it cannot write (its stream's store, checkpoints, logs, dead letters). */
  writeFailures?: WriteFailureFacts[];
  deadLetters: number | null;
  /** What `deadLetters` counts: records (dev's file) or failed batches (a stack's S3 objects). */
  deadLetterUnit?: "records" | "batches";
  /**
   * Of the records dead-lettered in the last 5 minutes, how many the dead letter still holds:
   * the rest were redriven (local only; unknown when left out).
   */
  recentDeadLettersHeld?: number;
  stuck?: StuckShardFacts[];
}

export interface RedisFacts {
  reachable: boolean;
  error?: string;
  symbols: number | null;
  keys: number | null;
  memoryUsedBytes: number | null;
  /** maxmemory; null or 0 means no limit is set. */
  memoryMaxBytes: number | null;
  /** Age of the newest stored observation (`observedAt`). */
  newestObservationAgeMs: number | null;
  /** Age of the newest write (`processedAt`): is anything arriving? */
  newestWriteAgeMs: number | null;
  /** The newest entries of the changes feed, newest first (absent when not read). */
  recentChanges?: SignalChange[];
}

export interface AlarmFacts {
  name: string;
  state: string;
  reason?: string;
  updatedAt?: string;
}

/** Everything measured, before judging it. */
export interface StatusFacts {
  target: string;
  ingestion: IngestionFacts;
  stream: StreamFacts;
  processing: ProcessingFacts;
  redis: RedisFacts;
  /** Cloud only; an empty list means the stack has none. */
  alarms?: AlarmFacts[];
}

/** The `status` result: the facts, a verdict per part, and one overall. */
export interface StatusReport {
  target: string;
  checkedAt: string;
  health: Health;
  reason: string;
  ingestion: IngestionFacts & Verdict;
  stream: StreamFacts & Verdict;
  processing: ProcessingFacts & Verdict;
  redis: RedisFacts & Verdict;
  alarms?: { alarms: AlarmFacts[] } & Verdict;
}
