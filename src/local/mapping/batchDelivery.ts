import type { WriteCounts } from "../../core/outcomes.js";
import { errorWithName } from "../../lib/errors.js";
import type { StreamRecord } from "./kinesisEvent.js";

/** What one handler invocation gave back, already interpreted. */
export type InvocationResult =
  | { kind: "ok"; counts?: WriteCounts }
  | {
      kind: "partial";
      firstFailed: number;
      failedCount: number;
      counts?: WriteCounts;
    }
  | { kind: "error"; error: unknown };

/** Retry rules of the trigger: Lambda's MaximumRetryAttempts and BisectBatchOnFunctionError. */
export interface RetryPolicy {
  maxRetries: number;
  bisectOnError: boolean;
  /** Delay before retry number `attempt` (1-based). */
  backoffMs(attempt: number): number;
}

export interface DeliveryDeps {
  invoke(records: readonly StreamRecord[]): Promise<InvocationResult>;
  sleep(ms: number): Promise<void>;
  /** The on-failure destination: records that exhausted their retries. */
  deadLetter(records: readonly StreamRecord[], reason: string, attempts: number): Promise<void>;
}

export interface DeliveryOutcome {
  invocations: number;
  deadLettered: number;
}

/** Exponential backoff from 100 ms, capped at 2 s: short, as a laptop has no throttling to ride out. */
export function defaultBackoffMs(attempt: number): number {
  return Math.min(2_000, 100 * 2 ** (attempt - 1));
}

/**
 * Delivers one batch until it succeeds or its retries run out, the way Lambda's event source
 * mapping does: a partial response checkpoints before the first failed record and retries
 * from there; a thrown error splits the batch in halves (splits do not use up retries); what
 * still fails after the last retry goes to the dead letter and the shard moves on.
 */
export async function deliverBatch(
  records: readonly StreamRecord[],
  deps: DeliveryDeps,
  policy: RetryPolicy,
): Promise<DeliveryOutcome> {
  const outcome: DeliveryOutcome = { invocations: 0, deadLettered: 0 };
  let pending = records;
  let retries = 0;
  while (pending.length > 0) {
    const result = await deps.invoke(pending);
    outcome.invocations += 1;
    if (result.kind === "ok") return outcome;
    if (result.kind === "error" && policy.bisectOnError && pending.length > 1) {
      const middle = Math.ceil(pending.length / 2);
      for (const half of [pending.slice(0, middle), pending.slice(middle)]) {
        const part = await deliverBatch(half, deps, policy);
        outcome.invocations += part.invocations;
        outcome.deadLettered += part.deadLettered;
      }
      return outcome;
    }
    const remaining = result.kind === "partial" ? pending.slice(result.firstFailed) : pending;
    if (retries >= policy.maxRetries) {
      const reason = result.kind === "partial" ? "batch item failures" : errorWithName(result.error);
      await deps.deadLetter(remaining, reason, retries + 1);
      outcome.deadLettered += remaining.length;
      return outcome;
    }
    retries += 1;
    await deps.sleep(policy.backoffMs(retries));
    pending = remaining;
  }
  return outcome;
}
