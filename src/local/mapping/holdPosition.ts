import { errorMessage } from "../../lib/errors.js";
import type { Clock } from "../clock.js";

/** A shard that cannot move on: its batch neither processed nor dead-lettered. */
export interface StuckEvent {
  shardId: string;
  /** When the first attempt of this batch failed (ISO 8601). */
  since: string;
  reason: string;
  /** Records of the held batch (more may wait behind them on the shard). */
  records: number;
  attempts: number;
  retryInMs: number;
}

export interface HoldDeps {
  clock: Clock;
  /** Aborts the retrying (a second Ctrl-C); the batch then stays for the next start. */
  signal: AbortSignal;
  onStuck?(event: StuckEvent): void;
  onMovesAgain?(shardId: string, stuckForMs: number): void;
}

/** From 1 s, doubling, at most 30 s between attempts of a held batch. */
export function holdBackoffMs(attempt: number): number {
  return Math.min(30_000, 1_000 * 2 ** (attempt - 1));
}

/**
 * Runs `attempt` until it resolves, the way Lambda's event source mapping never skips a batch
 * it could neither process nor send to its on-failure destination: each failure is reported
 * (the shard is stuck, since when, why) and retried with backoff, while the shard holds its
 * position. Resolves false when the signal aborted first: the batch was not delivered.
 * Lambda: "If a Lambda event source mapping is unable to invoke the function ... it retries
 * until the records expire": https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html
 */
export async function holdUntilDelivered(
  shardId: string,
  records: number,
  attempt: () => Promise<void>,
  deps: HoldDeps,
  backoffMs: (attempt: number) => number = holdBackoffMs,
): Promise<boolean> {
  let since: number | undefined;
  for (let attempts = 1; !deps.signal.aborted; attempts += 1) {
    try {
      await attempt();
      if (since !== undefined) deps.onMovesAgain?.(shardId, deps.clock.now() - since);
      return true;
    } catch (error) {
      if (deps.signal.aborted) return false;
      since ??= deps.clock.now();
      const retryInMs = backoffMs(attempts);
      deps.onStuck?.({
        shardId,
        since: new Date(since).toISOString(),
        reason: errorMessage(error),
        records,
        attempts,
        retryInMs,
      });
      await deps.clock.sleep(retryInMs, deps.signal);
    }
  }
  return false;
}
