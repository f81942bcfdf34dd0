import { type Clock, systemClock } from "../clock.js";
import { deliverBatch, type RetryPolicy } from "./batchDelivery.js";
import { holdBackoffMs, holdUntilDelivered, type StuckEvent } from "./holdPosition.js";
import type { EventSourceIdentity, ProcessingHandler, StreamRecord } from "./kinesisEvent.js";
import { deliveryDeps } from "./mappingInvocation.js";
import { type BatchingOptions, pollShard } from "./shardPoller.js";
import type { ShardReader } from "./shardReader.js";

/** One handler invocation, as `dev` prints it. */
export interface BatchEvent {
  shardId: string;
  records: number;
  /** Records the processing function quarantines (when a classifier was given). */
  rejected?: number;
  /**
   * What the function's write did, as it reported it (src/core/outcomes.ts): new observations,
   * corrections, the same content again, records older than the symbol's history.
   */
  stored?: number;
  updated?: number;
  duplicates?: number;
  stale?: number;
  /** Records whose Bavest `pe/ratio` and price / EPS differ by more than 1%. */
  peDisagreements?: number;
  /** Records reported back as failed, or all of them when the handler threw. */
  failed: number;
  /** Age of the newest record of the batch when the handler was called. */
  iteratorAgeMs: number;
  error?: string;
}

export interface DeadLetterEvent {
  shardId: string;
  records: number;
  reason: string;
}

export interface MappingListener {
  onBatch?(event: BatchEvent): void;
  onDeadLetter?(event: DeadLetterEvent): void;
  /** A batch is done with (processed or dead-lettered); the shard moves past these records. */
  onDelivered?(shardId: string, records: readonly StreamRecord[]): void;
  onReadError?(shardId: string, error: unknown): void;
  /** A batch could not be delivered nor dead-lettered; the shard holds and retries it. */
  onStuck?(event: StuckEvent): void;
  onMovesAgain?(shardId: string, stuckForMs: number): void;
}

export type { StuckEvent };

export interface EventSourceMappingOptions {
  identity: EventSourceIdentity;
  shardIds: readonly string[];
  batching: BatchingOptions;
  retry: RetryPolicy;
  handler: ProcessingHandler;
  reader: ShardReader;
  deadLetter(records: readonly StreamRecord[], reason: string, attempts: number): Promise<void>;
  clock?: Clock;
  /** A handler that has not answered after this long counts as having thrown (Lambda's timeout). */
  invokeTimeoutMs?: number;
  countRejected?(records: readonly StreamRecord[]): number;
  listener?: MappingListener;
  /** The last sequence number done with, per shard: reading resumes after it (else TRIM_HORIZON). */
  checkpoints?: Readonly<Record<string, string>>;
  /** Delay before attempt `n + 1` of a batch that could not be delivered; default 1 s doubling to 30 s. */
  holdBackoffMs?(attempt: number): number;
}

export interface MappingStats {
  /** Records whose batch is done: processed, or written to the dead letter. */
  completed: number;
  deadLettered: number;
  invocations: number;
}

export interface EventSourceMapping {
  stats(): MappingStats;
  /** Records of the batches being delivered right now. */
  inFlight(): number;
  /** The last sequence number done with, per shard (shards not yet read are left out). */
  positions(): Record<string, string>;
  /** Stops reading; resolves when the batches in flight are done (drained). */
  drain(): Promise<void>;
  /** Stops reading; resolves when every shard loop has ended (or `graceMs` passed). */
  stop(graceMs?: number): Promise<void>;
}

const READ_RESTART_PAUSE_MS = 1_000;

/**
 * Runs the Kinesis trigger of the processing function: one poller per shard, each
 * delivering its batches in order with Lambda's retry, bisect and on-failure behaviour.
 */
export function startEventSourceMapping(options: EventSourceMappingOptions): EventSourceMapping {
  const clock = options.clock ?? systemClock;
  const reading = new AbortController();
  const delivering = new AbortController();
  const stats: MappingStats = { completed: 0, deadLettered: 0, invocations: 0 };
  const positions = new Map(Object.entries(options.checkpoints ?? {}));
  const inFlight = new Map<string, number>();
  const listener = options.listener;
  const deliver = async (shardId: string, records: StreamRecord[]) => {
    inFlight.set(shardId, records.length);
    const attempt = async () => {
      const deps = deliveryDeps(shardId, options, clock, delivering.signal);
      const outcome = await deliverBatch(records, deps, options.retry);
      stats.deadLettered += outcome.deadLettered;
      stats.invocations += outcome.invocations;
    };
    const delivered = await holdUntilDelivered(
      shardId,
      records.length,
      attempt,
      {
        clock,
        signal: delivering.signal,
        onStuck: (event) => listener?.onStuck?.(event),
        onMovesAgain: (id, ms) => listener?.onMovesAgain?.(id, ms),
      },
      options.holdBackoffMs ?? holdBackoffMs,
    );
    inFlight.delete(shardId);
    if (!delivered) throw new Error("delivery abandoned");
    stats.completed += records.length;
    positions.set(shardId, records[records.length - 1]?.sequenceNumber ?? "");
    listener?.onDelivered?.(shardId, records);
  };
  const loops = options.shardIds.map((shardId) =>
    runShard(shardId, options, clock, deliver, positions, reading.signal),
  );
  const ended = Promise.all(loops);
  return {
    stats: () => ({ ...stats }),
    inFlight: () => [...inFlight.values()].reduce((a, b) => a + b, 0),
    positions: () => Object.fromEntries(positions),
    async drain() {
      reading.abort();
      await Promise.race([
        ended,
        new Promise((resolve) => delivering.signal.addEventListener("abort", resolve)),
      ]);
    },
    async stop(graceMs = 2_000) {
      reading.abort();
      await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
      delivering.abort();
    },
  };
}

/**
 * One shard's poller, started again (after the last record done with) when reading fails
 * outside a GetRecords call, e.g. the Kinesis server restarting: a shard never ends for good.
 */
async function runShard(
  shardId: string,
  options: EventSourceMappingOptions,
  clock: Clock,
  deliver: (shardId: string, records: StreamRecord[]) => Promise<void>,
  positions: ReadonlyMap<string, string>,
  signal: AbortSignal,
): Promise<void> {
  while (!signal.aborted) {
    try {
      await pollShard(
        shardId,
        options.batching,
        {
          reader: options.reader,
          clock,
          startIterator: () => {
            const after = positions.get(shardId);
            return after && options.reader.iteratorAfter
              ? options.reader.iteratorAfter(shardId, after)
              : options.reader.trimHorizonIterator(shardId);
          },
          deliver: (records) => deliver(shardId, records),
          onReadError: (error) => options.listener?.onReadError?.(shardId, error),
        },
        signal,
      );
    } catch (error) {
      if (error instanceof Error && error.message === "delivery abandoned") return;
      options.listener?.onReadError?.(shardId, error);
      await clock.sleep(READ_RESTART_PAUSE_MS, signal);
    }
  }
}
