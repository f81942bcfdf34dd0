import type { RecordOutcome } from "../core/outcomes.js";
import type { RedisKeys } from "../core/redisKeys.js";
import type { Output } from "../lib/output.js";
import {
  account,
  countOutcomes,
  type Outcome,
  type ProcessedCounts,
  type SentRecord,
  sentRecordOf,
} from "./accounting.js";
import type { Clock } from "./pacing.js";
import type { PipelineProbe } from "./probe.js";
import type { ReplayEntry } from "./validate.js";

export interface WaitOptions {
  /** After this long the records still open are reported as not processed. */
  timeoutMs: number;
  clock: Clock;
  /** Between two looks at the pipeline. */
  intervalMs?: number;
  /** Called after every look with the counts so far. */
  onProgress?: (counts: ProcessedCounts) => void;
  /** Ctrl-C: stop waiting, report what is known. */
  stop?: AbortSignal;
}

/**
 * Waits until every sent record is accounted for (see `account`) or the timeout passes.
 * `mark`: where the outcomes stream ended before anything was sent.
 */
export async function waitForProcessing(
  records: SentRecord[],
  mark: string,
  probe: PipelineProbe,
  options: WaitOptions,
): Promise<ProcessedCounts> {
  const deadline = options.clock.now() + options.timeoutMs;
  const outcomes = new Map<number, Outcome>();
  const reported = new Map<string, Exclude<RecordOutcome, "failed">>();
  let cursor = mark;
  let open = records;
  for (;;) {
    const facts = await probe.facts(cursor);
    cursor = facts.cursor;
    for (const [sequenceNumber, outcome] of facts.outcomes)
      if (!reported.has(sequenceNumber)) reported.set(sequenceNumber, outcome);
    for (const [index, outcome] of account(open, { outcomes: reported, failed: facts.failed }))
      outcomes.set(index, outcome);
    open = open.filter((record) => !outcomes.has(record.index));
    const counts = countOutcomes(outcomes, records.length);
    options.onProgress?.(counts);
    if (open.length === 0 || options.clock.now() >= deadline || options.stop?.aborted) return counts;
    await options.clock.sleep(
      Math.min(options.intervalMs ?? 250, Math.max(0, deadline - options.clock.now())),
    );
  }
}

/** `waiting: 120 of 500 processed (stored 100, updated 0, duplicates 20, stale 0, rejected 0, failed 0)`. Pure. */
export function renderWaitProgress(counts: ProcessedCounts): string {
  const total =
    counts.stored + counts.updated + counts.duplicates + counts.stale + counts.rejected + counts.failed;
  return `waiting for the pipeline: ${total} of ${total + counts.notProcessed} processed (${describeCounts(counts)})`;
}

/** `stored 100, updated 0, duplicates 20, stale 0, rejected 0, failed 0`. Pure. */
export function describeCounts(counts: ProcessedCounts): string {
  return `stored ${counts.stored}, updated ${counts.updated}, duplicates ${counts.duplicates}, stale ${counts.stale}, rejected ${counts.rejected}, failed ${counts.failed}`;
}

/** The pipeline's Redis as `replay --wait` reads it, opened once the target is known. */
export interface WaitLink {
  probe: PipelineProbe;
  keys: RedisKeys;
  close(): Promise<void>;
}

/** Before anything is sent: every record, and where the outcomes stream ends (what follows is ours). */
export async function snapshotBefore(
  link: WaitLink,
  entries: ReplayEntry[],
): Promise<{ records: SentRecord[]; mark: string }> {
  return { records: entries.map((entry) => sentRecordOf(entry)), mark: await link.probe.mark() };
}

/**
 * After the send: waits for the records Kinesis acknowledged, printing a progress line on
 * stderr whenever the counts move.
 */
export async function waitForSent(
  link: WaitLink,
  snapshot: { records: SentRecord[]; mark: string },
  report: { acknowledged: number[]; sequenceNumbers?: Map<number, string> },
  options: { timeoutMs: number; clock: Clock; output: Output; stop?: AbortSignal },
): Promise<ProcessedCounts> {
  const acknowledged = new Set(report.acknowledged);
  const sent = snapshot.records
    .filter((record) => acknowledged.has(record.index))
    .map((record) => {
      const sequenceNumber = report.sequenceNumbers?.get(record.index);
      return sequenceNumber === undefined ? record : { ...record, sequenceNumber };
    });
  let shown = "";
  return waitForProcessing(sent, snapshot.mark, link.probe, {
    timeoutMs: options.timeoutMs,
    clock: options.clock,
    ...(options.stop ? { stop: options.stop } : {}),
    onProgress: (counts) => {
      const line = renderWaitProgress(counts);
      if (line !== shown) options.output.info(line);
      shown = line;
    },
  });
}
