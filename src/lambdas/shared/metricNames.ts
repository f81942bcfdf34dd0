/**
 * The pipeline's own CloudWatch metrics (Embedded Metric Format through Powertools Metrics):
 * namespace, the `service` dimension and the metric names, shared by the functions that
 * publish them and the alarms and dashboard that read them.
 */
export const METRICS_NAMESPACE = "BavestSignals";

export const PROCESSING_METRICS = {
  stored: "RecordsStored",
  /** An observation stored before, replaced with other content (a correction). */
  updated: "RecordsUpdated",
  duplicate: "RecordsDuplicate",
  stale: "RecordsStale",
  rejected: "RecordsRejected",
  failed: "RecordsFailed",
  /** Records whose Bavest `pe/ratio` and price / EPS differ by more than 1% (a currency mismatch shows here first). */
  peDisagreement: "PeRatioDisagreements",
} as const;

export const INGESTION_METRICS = { written: "SymbolsWritten", failed: "SymbolsFailed" } as const;

export type MetricsService = "processing" | "ingestion";
