import type {
  IngestionFacts,
  ProcessingCounts,
  RedisFacts,
  StatusFacts,
  StreamFacts,
} from "../../../src/status/types.js";

/** The status facts the health tests start from: a healthy local pipeline, changed by `over`. */

export const NOW = Date.parse("2026-11-20T15:00:00Z");
export const ago = (ms: number) => new Date(NOW - ms).toISOString();

export const ingestion = (over: Partial<IngestionFacts> = {}): IngestionFacts => ({
  scheduled: true,
  everyMs: 300_000,
  lastRunAt: ago(60_000),
  lastRunOk: true,
  recordsWritten: 7,
  symbolsFailed: 0,
  nextRunAt: new Date(NOW + 240_000).toISOString(),
  lookbackMs: 3_600_000,
  ...over,
});

/** Ingestion without a schedule that never ran (dev with no ingestion yet). */
export const unscheduledIngestion: IngestionFacts = {
  scheduled: false,
  everyMs: null,
  lastRunAt: null,
  lastRunOk: null,
  recordsWritten: null,
  symbolsFailed: null,
  nextRunAt: null,
  lookbackMs: 0,
};

export const counts = (over: Partial<ProcessingCounts> = {}): ProcessingCounts => ({
  batches: 4,
  stored: 40,
  rejected: 0,
  failed: 0,
  failedBatches: 0,
  ...over,
});

export const stream = (over: Partial<StreamFacts> = {}): StreamFacts => ({
  windows: { "5m": { in: 10, out: 10 }, "60m": { in: 50, out: 50 } },
  iteratorAgeMs: 300,
  shards: 1,
  ...over,
});

export const redis = (over: Partial<RedisFacts> = {}): RedisFacts => ({
  reachable: true,
  symbols: 7,
  keys: 30,
  memoryUsedBytes: 1_000_000,
  memoryMaxBytes: 10_000_000,
  newestObservationAgeMs: 60_000,
  newestWriteAgeMs: 60_000,
  ...over,
});

export const facts = (over: Partial<StatusFacts> = {}): StatusFacts => ({
  target: "local",
  ingestion: ingestion(),
  stream: stream(),
  processing: { windows: { "5m": counts(), "60m": counts() }, deadLetters: 0 },
  redis: redis(),
  ...over,
});
