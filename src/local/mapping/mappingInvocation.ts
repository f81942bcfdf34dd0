import { errorMessage } from "../../lib/errors.js";
import type { Clock } from "../clock.js";
import type { InvocationResult } from "./batchDelivery.js";
import type { EventSourceMappingOptions } from "./eventSourceMapping.js";
import { buildKinesisEvent, firstFailedIndex, type StreamRecord } from "./kinesisEvent.js";

const DEFAULT_INVOKE_TIMEOUT_MS = 60_000;

/**
 * What delivering one shard's batches needs: an invocation of the processing function as the
 * Kinesis trigger makes it (with Lambda's timeout), the retry pause and the dead-letter write,
 * each reported to the listener; `signal` abandons the delivery.
 */
export function deliveryDeps(
  shardId: string,
  options: EventSourceMappingOptions,
  clock: Clock,
  signal: AbortSignal,
) {
  return {
    invoke: async (records: readonly StreamRecord[]): Promise<InvocationResult> => {
      // Abandoned (a second Ctrl-C): neither invoke again nor dead-letter; the records stay on the stream.
      if (signal.aborted) throw new Error("delivery abandoned: the records stay on the stream");
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
      const error = result.kind === "error" ? errorMessage(result.error) : undefined;
      const counts = result.kind === "error" ? undefined : result.counts;
      options.listener?.onBatch?.({ ...base, failed, ...counts, ...(error ? { error } : {}) });
      return result;
    },
    sleep: (ms: number) => clock.sleep(ms, signal),
    deadLetter: async (records: readonly StreamRecord[], reason: string, attempts: number) => {
      try {
        await options.deadLetter(records, reason, attempts);
      } catch (error) {
        throw new Error(
          `writing ${records.length} record(s) to the dead letter failed (${errorMessage(error)})`,
        );
      }
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
    const counts = response?.localCounts ? { counts: response.localCounts } : {};
    if (first < 0) return { kind: "ok", ...counts };
    return {
      kind: "partial",
      firstFailed: first,
      failedCount: response?.batchItemFailures?.length ?? 0,
      ...counts,
    };
  } catch (error) {
    return { kind: "error", error };
  } finally {
    clearTimeout(timer);
  }
}
