import type { Pacer } from "./pacing.js";
import type { ReplayEntry } from "./validate.js";

/** What one PutRecords batch came back with, after the sender's own retries. */
export interface BatchOutcome {
  /** Per entry of the batch, in order: true when Kinesis acknowledged it. */
  acknowledged: boolean[];
  /** Why some entries were not acknowledged (the last error seen). */
  error?: string;
  /** Per entry, in order: the sequence number Kinesis gave it (absent when not acknowledged). */
  sequenceNumbers?: (string | undefined)[];
}

/** Sends one batch (with bounded retries of failed entries) and never throws. */
export type BatchSender = (batch: ReplayEntry[]) => Promise<BatchOutcome>;

export interface SendOptions {
  pacer: Pacer;
  /** Batches in flight at once; only batches with no partition key in common overlap. */
  maxInFlight: number;
  /** Called after each batch with the running count of acknowledged records. */
  onProgress?: (acknowledged: number) => void;
  /** Once aborted (Ctrl-C), no new batch starts; batches in flight finish and count. */
  stop?: AbortSignal;
}

export interface SendReport {
  /** Input indexes Kinesis acknowledged, ascending. */
  acknowledged: number[];
  /** Entries not acknowledged (failed or never sent after a failure), ascending by index. */
  unacknowledged: ReplayEntry[];
  /** PutRecords batches started (retries of failed entries are not counted again). */
  batches: number;
  error?: string;
  /** True when `stop` ended the send before every batch was started. */
  interrupted?: boolean;
  /** Input index -> the sequence number Kinesis gave the record, when the sender said. */
  sequenceNumbers?: Map<number, string>;
}

interface Flight {
  keys: Set<string>;
  done: Promise<void>;
}

/**
 * Sends batches in order, a few at a time. Records of one partition key keep file order
 * because two batches that share a key never overlap. The first batch that ends with
 * unacknowledged records stops further sends; batches already in flight finish and count.
 */
export async function sendBatches(
  batches: ReplayEntry[][],
  send: BatchSender,
  options: SendOptions,
): Promise<SendReport> {
  const acknowledged: ReplayEntry[] = [];
  const notSent = new Set<ReplayEntry[]>(batches);
  const failed: ReplayEntry[] = [];
  const flights = new Set<Flight>();
  const sequenceNumbers = new Map<number, string>();
  let started = 0;
  let error: string | undefined;

  const halted = () => error !== undefined || options.stop?.aborted === true;
  for (const batch of batches) {
    if (halted()) break;
    const keys = new Set(batch.map((entry) => entry.PartitionKey));
    while (flights.size >= options.maxInFlight || overlaps(keys, flights)) {
      await Promise.race([...flights].map((flight) => flight.done));
    }
    if (halted()) break;
    await options.pacer.beforeSend(batch.length);
    notSent.delete(batch);
    started++;
    const flight: Flight = {
      keys,
      done: Promise.resolve()
        .then(() => send(batch))
        .catch(
          (cause: unknown): BatchOutcome => ({
            acknowledged: [],
            error: String((cause as Error)?.message ?? cause),
          }),
        )
        .then((outcome) => {
          batch.forEach((entry, position) => {
            (outcome.acknowledged[position] === true ? acknowledged : failed).push(entry);
            const sequenceNumber = outcome.sequenceNumbers?.[position];
            if (sequenceNumber !== undefined) sequenceNumbers.set(entry.index, sequenceNumber);
          });
          if (outcome.acknowledged.length < batch.length || outcome.acknowledged.includes(false)) {
            error ??= outcome.error ?? "some records were not acknowledged";
          }
          flights.delete(flight);
          options.onProgress?.(acknowledged.length);
        }),
    };
    flights.add(flight);
  }
  await Promise.all([...flights].map((flight) => flight.done));

  const unacknowledged = [...failed, ...[...notSent].flat()].sort((a, b) => a.index - b.index);
  return {
    acknowledged: acknowledged.map((entry) => entry.index).sort((a, b) => a - b),
    unacknowledged,
    batches: started,
    ...(sequenceNumbers.size > 0 ? { sequenceNumbers } : {}),
    ...(error !== undefined ? { error } : {}),
    ...(options.stop?.aborted && notSent.size > 0 ? { interrupted: true } : {}),
  };
}

function overlaps(keys: Set<string>, flights: Set<Flight>): boolean {
  for (const flight of flights) {
    for (const key of keys) if (flight.keys.has(key)) return true;
  }
  return false;
}

/** Compact ranges of ascending indexes: [0,1,2,5] -> "0-2, 5". */
export function describeRanges(indexes: number[]): string {
  const parts: string[] = [];
  let start: number | undefined;
  let previous: number | undefined;
  for (const index of indexes) {
    if (start !== undefined && previous !== undefined && index === previous + 1) {
      previous = index;
      continue;
    }
    if (start !== undefined) parts.push(start === previous ? `${start}` : `${start}-${previous}`);
    start = index;
    previous = index;
  }
  if (start !== undefined) parts.push(start === previous ? `${start}` : `${start}-${previous}`);
  return parts.join(", ");
}
