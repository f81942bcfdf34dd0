import type { OutcomeCounts, RecordOutcome } from "../core/outcomes.js";
import type { ReplayEntry } from "./validate.js";

/** What the pipeline did with the records a replay sent (docs/contracts.md section 6, `replay --wait`). */
export interface ProcessedCounts extends OutcomeCounts {
  /** Sent, but not accounted for when the wait ended (timeout). */
  notProcessed: number;
}

/** One sent record: its index in the input and the sequence number PutRecords returned. */
export interface SentRecord {
  index: number;
  /** Absent when the sender did not say: such a record stays "not processed". */
  sequenceNumber?: string;
}

export type Outcome = Exclude<keyof ProcessedCounts, "notProcessed">;

/** What the pipeline reported since the replay began, for the records still unaccounted. */
export interface PipelineFacts {
  /**
   * What the store script did, by sequence number: the first outcome it recorded (a record
   * delivered again after a partial failure is a duplicate the second time; the first write counts).
   */
  outcomes: ReadonlyMap<string, Exclude<RecordOutcome, "failed">>;
  /** Sequence numbers in the failure destination (the local dead-letter file). */
  failed: ReadonlySet<string>;
}

const FIELD: Record<Exclude<RecordOutcome, "failed">, Outcome> = {
  stored: "stored",
  updated: "updated",
  duplicate: "duplicates",
  stale: "stale",
  rejected: "rejected",
};

/** The sent record for a validated entry (replay checks every entry before sending any). */
export function sentRecordOf(entry: ReplayEntry, sequenceNumber?: string): SentRecord {
  return { index: entry.index, ...(sequenceNumber !== undefined ? { sequenceNumber } : {}) };
}

/**
 * Accounts for the records that are still open from what the processing function reported:
 * the outcome its write recorded for the record's sequence number, else "failed" when the
 * record is in the failure destination (retries exhausted, nothing written). Pure. A record
 * whose write succeeded and which was dead-lettered later with a retried batch counts as what
 * its write did. Returns the outcome per record index.
 */
export function account(open: SentRecord[], facts: PipelineFacts): Map<number, Outcome> {
  const outcomes = new Map<number, Outcome>();
  for (const record of open) {
    const sequenceNumber = record.sequenceNumber;
    if (sequenceNumber === undefined) continue;
    const written = facts.outcomes.get(sequenceNumber);
    if (written !== undefined) outcomes.set(record.index, FIELD[written]);
    else if (facts.failed.has(sequenceNumber)) outcomes.set(record.index, "failed");
  }
  return outcomes;
}

/** Counts of a finished (or timed-out) wait. */
export function countOutcomes(outcomes: Map<number, Outcome>, sent: number): ProcessedCounts {
  const counts: ProcessedCounts = {
    stored: 0,
    updated: 0,
    duplicates: 0,
    stale: 0,
    rejected: 0,
    failed: 0,
    notProcessed: 0,
  };
  for (const outcome of outcomes.values()) counts[outcome] += 1;
  counts.notProcessed = sent - outcomes.size;
  return counts;
}

/** True when the pipeline wrote nothing new: no record stored and none updated (`replay --wait` exits 1). */
export function nothingWritten(counts: ProcessedCounts): boolean {
  return counts.stored === 0 && counts.updated === 0;
}
