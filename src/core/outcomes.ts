/**
 * What the processing function's write did with one record: one outcome per record, reported by
 * the store script itself (src/lambdas/processing/storeScript.ts), so every count of it (dev's
 * batch line, `status`, `replay --wait`, the function's metrics) is the same number.
 * - `stored`: a new observation; `updated`: an observation stored before with other content,
 *   replaced (a correction); `duplicate`: the same content again (a replay; a new fetch of the
 *   newest observation only refreshes `latest`'s per-delivery fields); `stale`: older than the
 *   symbol's newest observation minus the retention, never stored; `rejected`: poison,
 *   quarantined; `failed`: a transient failure, reported back for a retry.
 */
export type RecordOutcome = "stored" | "updated" | "duplicate" | "stale" | "rejected" | "failed";

/** The outcomes the store script records (a failure is retried, so it records none). */
export const WRITTEN_OUTCOMES: ReadonlySet<string> = new Set([
  "stored",
  "updated",
  "duplicate",
  "stale",
  "rejected",
]);

/** Records per outcome; the field names dev's stats, `status` and `replay --wait --json` share. */
export interface OutcomeCounts {
  stored: number;
  updated: number;
  duplicates: number;
  stale: number;
  rejected: number;
  failed: number;
}

const FIELD: Record<RecordOutcome, keyof OutcomeCounts> = {
  stored: "stored",
  updated: "updated",
  duplicate: "duplicates",
  stale: "stale",
  rejected: "rejected",
  failed: "failed",
};

/** All zero. */
export function emptyOutcomeCounts(): OutcomeCounts {
  return { stored: 0, updated: 0, duplicates: 0, stale: 0, rejected: 0, failed: 0 };
}

/** Adds one record's outcome to the counts. */
export function countOutcome(counts: OutcomeCounts, outcome: RecordOutcome): void {
  counts[FIELD[outcome]] += 1;
}

/** The counts of a list of outcomes. Pure. */
export function countOutcomes(outcomes: Iterable<RecordOutcome>): OutcomeCounts {
  const counts = emptyOutcomeCounts();
  for (const outcome of outcomes) countOutcome(counts, outcome);
  return counts;
}

/**
 * The counts the function reports for an invocation, as dev reads them: all but `failed` (the
 * trigger counts those), and the records whose Bavest P/E disagreed with price / EPS.
 */
export type WriteCounts = Omit<OutcomeCounts, "failed"> & { peDisagreements?: number };

/** The fields of WriteCounts, in the order dev prints them. */
export const WRITE_COUNT_FIELDS = ["stored", "updated", "duplicates", "stale", "rejected"] as const;
