import { UsageError } from "../../lib/errors.js";
import { type Clock, systemClock } from "../clock.js";

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/**
 * Parses "500ms", "10s", "5m", "1h" (a bare number means seconds) into milliseconds; zero only
 * when `allowZero` (a batching window may be 0, a schedule may not).
 */
export function parseDuration(text: string, flag = "--every", allowZero = false): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(text);
  const amount = match ? Number(match[1]) : Number.NaN;
  const unit = UNIT_MS[(match?.[2] ?? "s").toLowerCase()] ?? 1_000;
  const ms = Math.round(amount * unit);
  if (ms === 0 && !allowZero) {
    throw new UsageError(`${flag} "${text}" must be longer than 0.`, {
      hint: `Use a number with a unit: ${flag} 10s, 5m or 1h${flag === "--every" ? "; to not ingest at all: --no-ingest" : ""}.`,
    });
  }
  if (!Number.isFinite(ms) || ms < 0) {
    throw new UsageError(`${flag} "${text}" is not a duration.`, {
      hint: `Use a number with a unit: ${flag} 10s, 5m or 1h.`,
    });
  }
  return ms;
}

export interface Schedule {
  /** Resolves when the run in progress (if any) has finished. */
  stop(): Promise<void>;
  runs(): number;
}

/**
 * Runs `task` now and then every `everyMs`, never two at once: a slow run delays the next
 * instead of overlapping it, like a scheduled Lambda with reserved concurrency 1.
 */
export function startSchedule(
  task: () => Promise<void>,
  everyMs: number,
  clock: Clock = systemClock,
): Schedule {
  const controller = new AbortController();
  let runs = 0;
  const loop = (async () => {
    while (!controller.signal.aborted) {
      const started = clock.now();
      runs += 1;
      await task().catch(() => undefined);
      const wait = Math.max(0, everyMs - (clock.now() - started));
      await clock.sleep(wait, controller.signal);
    }
  })();
  return {
    runs: () => runs,
    async stop() {
      controller.abort();
      await loop;
    },
  };
}
