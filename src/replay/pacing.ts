/** Time as the replay sees it; tests hand in a fake one. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Paces sends to an average rate: call `beforeSend(n)` before sending n records. */
export interface Pacer {
  beforeSend(records: number): Promise<void>;
}

/**
 * A pacer that schedules each send at `start + recordsSentBefore / rate`, so the average
 * never runs ahead of `recordsPerSecond`, and a slow send is not followed by a burst
 * bigger than one batch. Without a rate it never waits.
 */
export function createPacer(recordsPerSecond: number | undefined, clock: Clock = systemClock): Pacer {
  if (recordsPerSecond === undefined) return { beforeSend: async () => {} };
  let start: number | undefined;
  let scheduled = 0;
  return {
    async beforeSend(records) {
      const now = clock.now();
      start ??= now;
      const due = start + (scheduled / recordsPerSecond) * 1000;
      scheduled += records;
      if (due > now) {
        await clock.sleep(due - now);
      } else if (now - due > 1000) {
        // Far behind (a slow server): restart the schedule instead of bursting to catch up.
        start = now;
        scheduled = records;
      }
    },
  };
}

/**
 * The largest batch that keeps pacing smooth: about four sends a second at the given rate,
 * never more than the Kinesis maximum.
 */
export function batchLimitForRate(recordsPerSecond: number | undefined, max = 500): number {
  if (recordsPerSecond === undefined) return max;
  return Math.max(1, Math.min(max, Math.ceil(recordsPerSecond / 4)));
}
