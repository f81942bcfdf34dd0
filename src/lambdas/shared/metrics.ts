import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { OutcomeCounts } from "../../core/outcomes.js";
import {
  INGESTION_METRICS,
  METRICS_NAMESPACE,
  type MetricsService,
  PROCESSING_METRICS,
} from "./metricNames.js";

/** Publishes one set of counts; Powertools Metrics in Lambda, a fake in tests. */
export type MetricsSink = (counts: Record<string, number>) => void;

/**
 * Counts as CloudWatch Embedded Metric Format lines on stdout (Powertools Metrics): namespace
 * `BavestSignals`, dimension `service`. Lambda turns them into metrics; nothing is called.
 */
export function emfMetrics(service: MetricsService, env: NodeJS.ProcessEnv = process.env): MetricsSink {
  // Only Lambda turns EMF lines into metrics; the local pipeline's logs stay logs.
  if (!env.AWS_EXECUTION_ENV?.startsWith("AWS_Lambda_")) return () => {};
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: service });
  return (counts) => {
    for (const [name, value] of Object.entries(counts)) metrics.addMetric(name, MetricUnit.Count, value);
    metrics.publishStoredMetrics();
  };
}

/** What the processing handler counts for one batch: one outcome per record (src/core/outcomes.ts). */
export interface BatchCounts extends OutcomeCounts {
  peDisagreements: number;
}

/** A batch's counts under the metric names alarms and status read (SEAMS: processing metrics). */
export function processingMetricValues(counts: BatchCounts): Record<string, number> {
  return {
    [PROCESSING_METRICS.stored]: counts.stored,
    [PROCESSING_METRICS.updated]: counts.updated,
    [PROCESSING_METRICS.duplicate]: counts.duplicates,
    [PROCESSING_METRICS.stale]: counts.stale,
    [PROCESSING_METRICS.rejected]: counts.rejected,
    [PROCESSING_METRICS.failed]: counts.failed,
    [PROCESSING_METRICS.peDisagreement]: counts.peDisagreements,
  };
}

interface IngestionOutcome {
  written: number;
  failures: unknown[];
}

/**
 * Publishes SymbolsWritten and SymbolsFailed for every run, also one that throws (a failed
 * write carries its summary; any other error counts as a run that wrote nothing).
 */
export function withIngestionMetrics<A extends unknown[], R extends IngestionOutcome>(
  handler: (...args: A) => Promise<R>,
  publish: MetricsSink,
): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      const summary = await handler(...args);
      publish({
        [INGESTION_METRICS.written]: summary.written,
        [INGESTION_METRICS.failed]: summary.failures.length,
      });
      return summary;
    } catch (error) {
      const summary = (error as { summary?: IngestionOutcome }).summary;
      publish({
        [INGESTION_METRICS.written]: summary?.written ?? 0,
        [INGESTION_METRICS.failed]: summary?.failures.length ?? 0,
      });
      throw error;
    }
  };
}
