import type { CloudWatchLogsClient, FilteredLogEvent } from "@aws-sdk/client-cloudwatch-logs";
import { filterLogEvents } from "../cloud/logEvents.js";
import type { ProcessingCounts } from "./types.js";

/** Enough pages for an hour of a busy stream; beyond that the counts are a lower bound. */
const MAX_PAGES = 20;

/** Events of the last `sinceMs` matching a CloudWatch Logs filter pattern; a missing group gives none. */
export async function recentEvents(
  client: CloudWatchLogsClient,
  logGroupName: string,
  filterPattern: string,
  startTime: number,
): Promise<FilteredLogEvent[]> {
  return filterLogEvents(client, { logGroupName, filterPattern, startTime, maxPages: MAX_PAGES });
}

function fields(event: FilteredLogEvent): Record<string, unknown> {
  try {
    const parsed = JSON.parse(event.message ?? "");
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const count = (value: unknown): number => (typeof value === "number" && Number.isFinite(value) ? value : 0);

export const BATCH_PATTERN =
  '{ $.message = "Batch processed" || $.message = "Batch had transient failures" }';
export const INGESTION_PATTERN = '{ $.message = "Ingestion finished" }';

/**
 * Records a batch line says the write stored or updated. Today's function logs each outcome
 * (`stored`, `updated`, ...); one deployed before the outcomes were counted logs `processed`.
 */
function writtenRecords(line: Record<string, unknown>): number {
  return "stored" in line ? count(line.stored) + count(line.updated) : count(line.processed);
}

/** Stored, rejected and failed records and batches with failures, from the batch summary lines. */
export function batchTotals(
  events: readonly FilteredLogEvent[],
  since: number,
): Pick<ProcessingCounts, "stored" | "rejected" | "failed"> & { transientBatches: number } {
  const totals = { stored: 0, rejected: 0, failed: 0, transientBatches: 0 };
  for (const event of events) {
    if ((event.timestamp ?? 0) < since) continue;
    const line = fields(event);
    totals.stored += writtenRecords(line);
    totals.rejected += count(line.rejected);
    totals.failed += count(line.failed);
    if (count(line.failed) > 0) totals.transientBatches += 1;
  }
  return totals;
}

/** The newest "Ingestion finished" line: when, how many written, how many symbols failed. */
export function lastIngestionRun(
  events: readonly FilteredLogEvent[],
): { at: number; written: number | null; failed: number | null } | null {
  const newest = [...events].sort((a, b) => (b.timestamp ?? 0) - (a.timestamp ?? 0))[0];
  if (!newest) return null;
  const line = fields(newest);
  return {
    at: newest.timestamp ?? 0,
    written: typeof line.written === "number" ? line.written : null,
    failed: typeof line.failed === "number" ? line.failed : null,
  };
}
