/** A clock as the pacers, pollers and schedulers take it, that only moves when they sleep. */
export interface FakeClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Every sleep asked for, in order. */
  sleeps: number[];
}

/**
 * A clock whose sleeps pass instantly and move virtual time forward. Each sleep still yields
 * once, so other tasks waiting on the same clock get their turn.
 */
export function fakeClock(start = 0): FakeClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
      await Promise.resolve();
    },
  };
}
