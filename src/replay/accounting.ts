import { decodeRecordData, observedAtOf } from "../core/envelope.js";
import type { RedisKeys } from "../core/redisKeys.js";
import type { ReplayEntry } from "./validate.js";

/** What the pipeline did with the records a replay sent (CONTRACTS section 6, `replay --wait`). */
export interface ProcessedCounts {
  stored: number;
  duplicates: number;
  stale: number;
  rejected: number;
  failed: number;
  /** Sent, but not accounted for when the wait ended (timeout). */
  notProcessed: number;
}

/** One sent record, with the per-observation key its Signal is stored under. */
export interface SentRecord {
  index: number;
  symbol: string;
  observedAtMs: number;
  key: string;
  /** The sequence number PutRecords returned; absent when the sender did not say. */
  sequenceNumber?: string;
}

export type Outcome = Exclude<keyof ProcessedCounts, "notProcessed">;

/** What Redis (and the failure destination) say now, for the records still unaccounted. */
export interface PipelineFacts {
  /** Per-observation keys that exist now. */
  existingKeys: Set<string>;
  /** Each symbol's newest observation in its history (ms), when it has one. */
  newestMs: Map<string, number>;
  /** Sequence numbers in the rejected list. */
  rejected: Set<string>;
  /** Sequence numbers in the failure destination (the local dead-letter file). */
  failed: Set<string>;
}

/** The sent record for a validated entry: its symbol and observation time as processing sees them. */
export function sentRecordOf(
  entry: ReplayEntry,
  keys: RedisKeys,
  sequenceNumber?: string,
): SentRecord | null {
  const decoded = decodeRecordData(entry.Data);
  if (!decoded.ok) return null;
  const observedAtMs = observedAtOf(decoded.envelope).getTime();
  const symbol = decoded.envelope.symbol;
  return {
    index: entry.index,
    symbol,
    observedAtMs,
    key: keys.peRatio(symbol, observedAtMs),
    ...(sequenceNumber !== undefined ? { sequenceNumber } : {}),
  };
}

/**
 * Accounts for the records that are still open, given what the pipeline shows now. Pure.
 * - a key that existed before the replay sent anything: duplicate (the store script leaves it);
 * - the sequence number in the rejected list: rejected; in the failure destination: failed;
 * - the key exists now: the first record of that key stored, any other of the same key duplicate;
 * - older than the symbol's newest observation minus the retention: stale (never stored).
 * `storedKeys` (keys already counted as stored) is updated. Returns the outcome per record index.
 */
export function account(
  open: SentRecord[],
  before: Set<string>,
  facts: PipelineFacts,
  retentionMs: number,
  storedKeys: Set<string>,
): Map<number, Outcome> {
  const outcomes = new Map<number, Outcome>();
  for (const record of open) {
    const sequenceNumber = record.sequenceNumber;
    let outcome: Outcome | undefined;
    if (before.has(record.key)) outcome = "duplicates";
    else if (sequenceNumber !== undefined && facts.rejected.has(sequenceNumber)) outcome = "rejected";
    else if (sequenceNumber !== undefined && facts.failed.has(sequenceNumber)) outcome = "failed";
    else if (facts.existingKeys.has(record.key)) {
      outcome = storedKeys.has(record.key) ? "duplicates" : "stored";
      storedKeys.add(record.key);
    } else {
      const newest = facts.newestMs.get(record.symbol);
      if (newest !== undefined && record.observedAtMs < newest - retentionMs) outcome = "stale";
    }
    if (outcome !== undefined) outcomes.set(record.index, outcome);
  }
  return outcomes;
}

/** Counts of a finished (or timed-out) wait. */
export function countOutcomes(outcomes: Map<number, Outcome>, sent: number): ProcessedCounts {
  const counts: ProcessedCounts = {
    stored: 0,
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
