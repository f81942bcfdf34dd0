import { deliverBatch, type InvocationResult, type RetryPolicy } from "./batchDelivery.js";
import { type Clock, systemClock } from "./clock.js";
import {
  buildKinesisEvent,
  type EventSourceIdentity,
  firstFailedIndex,
  type ProcessingHandler,
  type StreamRecord,
} from "./kinesisEvent.js";
import { type BatchingOptions, pollShard } from "./shardPoller.js";
import type { ShardReader } from "./shardReader.js";

/** One handler invocation, as `dev` prints it. */
export interface BatchEvent {
  shardId: string;
  records: number;
  /** Records the processing function quarantines (when a classifier was given). */
  rejected?: number;
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
}

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
}

export interface MappingStats {
  /** Records whose batch is done: processed, or written to the dead letter. */
  completed: number;
  deadLettered: number;
  invocations: number;
}

export interface EventSourceMapping {
  stats(): MappingStats;
  /** Stops reading; resolves when every shard loop has ended (or `graceMs` passed). */
  stop(graceMs?: number): Promise<void>;
}

const DEFAULT_INVOKE_TIMEOUT_MS = 60_000;

/**
 * Runs the Kinesis trigger of the processing function: one poller per shard, each
 * delivering its batches in order with Lambda's retry, bisect and on-failure behaviour.
 */
export function startEventSourceMapping(options: EventSourceMappingOptions): EventSourceMapping {
  const clock = options.clock ?? systemClock;
  const controller = new AbortController();
  const stats: MappingStats = { completed: 0, deadLettered: 0, invocations: 0 };
  const loops = options.shardIds.map((shardId) =>
    pollShard(
      shardId,
      options.batching,
      {
        reader: options.reader,
        clock,
        deliver: async (records) => {
          const outcome = await deliverBatch(records, deliveryDeps(shardId, options, clock), options.retry);
          stats.completed += records.length;
          stats.deadLettered += outcome.deadLettered;
          stats.invocations += outcome.invocations;
          options.listener?.onDelivered?.(shardId, records);
        },
        onReadError: (error) => options.listener?.onReadError?.(shardId, error),
      },
      controller.signal,
    ).catch((error) => options.listener?.onReadError?.(shardId, error)),
  );
  return {
    stats: () => ({ ...stats }),
    async stop(graceMs = 2_000) {
      controller.abort();
      await Promise.race([
        Promise.all(loops),
        new Promise((resolve) => setTimeout(resolve, graceMs).unref()),
      ]);
    },
  };
}

function deliveryDeps(shardId: string, options: EventSourceMappingOptions, clock: Clock) {
  return {
    invoke: async (records: readonly StreamRecord[]): Promise<InvocationResult> => {
      const newest = records[records.length - 1]?.approximateArrivalTimestamp.getTime() ?? clock.now();
      const base = {
        shardId,
        records: records.length,
        rejected: options.countRejected?.(records),
        iteratorAgeMs: Math.max(0, clock.now() - newest),
      };
      const result = await invokeOnce(records, options);
      const failed =
        result.kind === "ok" ? 0 : result.kind === "partial" ? result.failedCount : records.length;
      const error = result.kind === "error" ? errorText(result.error) : undefined;
      options.listener?.onBatch?.({ ...base, failed, ...(error ? { error } : {}) });
      return result;
    },
    sleep: (ms: number) => clock.sleep(ms),
    deadLetter: async (records: readonly StreamRecord[], reason: string, attempts: number) => {
      await options.deadLetter(records, reason, attempts);
      options.listener?.onDeadLetter?.({ shardId, records: records.length, reason });
    },
  };
}

async function invokeOnce(
  records: readonly StreamRecord[],
  options: EventSourceMappingOptions,
): Promise<InvocationResult> {
  const event = buildKinesisEvent(records, options.identity);
  const timeoutMs = options.invokeTimeoutMs ?? DEFAULT_INVOKE_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Task timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const response = await Promise.race([options.handler(event), timeout]);
    const first = firstFailedIndex(records, response);
    if (first < 0) return { kind: "ok" };
    return { kind: "partial", firstFailed: first, failedCount: response?.batchItemFailures?.length ?? 0 };
  } catch (error) {
    return { kind: "error", error };
  } finally {
    clearTimeout(timer);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
