import type { Clock } from "../clock.js";
import type { StreamRecord } from "./kinesisEvent.js";
import type { ShardReader } from "./shardReader.js";

/** How the trigger gathers a batch: Lambda's BatchSize and MaximumBatchingWindowInSeconds. */
export interface BatchingOptions {
  batchSize: number;
  batchingWindowMs: number;
  /** Pause between empty GetRecords calls. */
  idlePollMs: number;
}

export interface ShardPollerDeps {
  reader: ShardReader;
  clock: Clock;
  /** Delivers one batch; the poller reads no further until it resolves (order per shard). */
  deliver(records: StreamRecord[]): Promise<void>;
  /** Where reading starts; default TRIM_HORIZON (a checkpoint resumes after its record). */
  startIterator?(): Promise<string>;
  /** A GetRecords call failed; the poller waits and tries again with the same iterator. */
  onReadError?(error: unknown): void;
}

const READ_ERROR_PAUSE_MS = 1_000;

/**
 * Reads one shard from TRIM_HORIZON (or its start iterator) until the signal aborts: gathers up to batchSize records,
 * or what arrived within the batching window after the first one, and delivers them before
 * reading on, so records of a shard are handled in order, one batch at a time.
 */
export async function pollShard(
  shardId: string,
  options: BatchingOptions,
  deps: ShardPollerDeps,
  signal: AbortSignal,
): Promise<void> {
  let iterator: string | undefined = await (deps.startIterator?.() ??
    deps.reader.trimHorizonIterator(shardId));
  while (iterator && !signal.aborted) {
    const gathered = await gatherBatch(shardId, iterator, options, deps, signal);
    iterator = gathered.nextIterator;
    if (gathered.records.length > 0 && !signal.aborted) await deps.deliver(gathered.records);
  }
}

async function gatherBatch(
  shardId: string,
  start: string,
  options: BatchingOptions,
  deps: ShardPollerDeps,
  signal: AbortSignal,
): Promise<{ records: StreamRecord[]; nextIterator: string | undefined }> {
  const records: StreamRecord[] = [];
  let iterator: string | undefined = start;
  let firstArrival: number | undefined;
  while (iterator && !signal.aborted && records.length < options.batchSize) {
    let page: Awaited<ReturnType<ShardReader["getRecords"]>>;
    try {
      page = await deps.reader.getRecords(shardId, iterator, options.batchSize - records.length);
    } catch (error) {
      deps.onReadError?.(error);
      await deps.clock.sleep(READ_ERROR_PAUSE_MS, signal);
      continue;
    }
    iterator = page.nextIterator;
    records.push(...page.records);
    if (records.length > 0) firstArrival ??= deps.clock.now();
    if (records.length >= options.batchSize) break;
    const waited = firstArrival === undefined ? 0 : deps.clock.now() - firstArrival;
    if (firstArrival !== undefined && waited >= options.batchingWindowMs) break;
    if (page.records.length === 0) {
      const pause =
        firstArrival === undefined
          ? options.idlePollMs
          : Math.min(options.idlePollMs, options.batchingWindowMs - waited);
      await deps.clock.sleep(pause, signal);
    }
  }
  return { records, nextIterator: iterator };
}
