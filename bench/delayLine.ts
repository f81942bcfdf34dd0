/** A time source and a way to be called back later; swapped for a fake one in tests. */
export interface DelayClock {
  /** Milliseconds, fractional, monotonic. */
  now(): number;
  /** Calls `fn` after about `ms` (sooner is fine: the line checks the time again); returns a cancel. */
  after(ms: number, fn: () => void): () => void;
}

/** setTimeout waits at least ~1 ms and typically 1.2 ms, whatever it is asked for. */
const TIMER_FLOOR_MS = 2;

/**
 * The real clock. Waits shorter than a timer can do poll on every event-loop turn (setImmediate),
 * which keeps sub-millisecond delays sub-millisecond at the cost of a busy core while data is in
 * flight; socket I/O still runs between two polls.
 */
export const loopClock: DelayClock = {
  now: () => performance.now(),
  after(ms, fn) {
    if (ms >= TIMER_FLOOR_MS) {
      const timer = setTimeout(fn, ms - TIMER_FLOOR_MS / 2);
      return () => clearTimeout(timer);
    }
    const immediate = setImmediate(fn);
    return () => clearImmediate(immediate);
  },
};

/** A first-in, first-out queue that hands out each item `delayMs` after it went in. */
export interface DelayLine<T> {
  push(item: T): void;
  /** Drops what is still queued and cancels the pending callback. */
  close(): void;
  readonly pending: number;
}

/**
 * Delays every item by the same amount and delivers them in the order they were pushed: a fixed
 * delay never lets a later item overtake an earlier one, so the head is always the next one due.
 */
export function createDelayLine<T>(
  delayMs: number,
  deliver: (item: T) => void,
  clock: DelayClock = loopClock,
): DelayLine<T> {
  const queue: { dueAt: number; item: T }[] = [];
  let cancel: (() => void) | undefined;
  let closed = false;

  const arm = () => {
    const head = queue[0];
    if (closed || cancel || !head) return;
    cancel = clock.after(Math.max(0, head.dueAt - clock.now()), flush);
  };
  const flush = () => {
    cancel = undefined;
    const now = clock.now();
    while (!closed && queue.length > 0 && (queue[0]?.dueAt ?? Number.POSITIVE_INFINITY) <= now) {
      deliver((queue.shift() as { item: T }).item);
    }
    arm();
  };

  return {
    push(item) {
      if (closed) return;
      queue.push({ dueAt: clock.now() + delayMs, item });
      arm();
    },
    close() {
      closed = true;
      queue.length = 0;
      cancel?.();
      cancel = undefined;
    },
    get pending() {
      return queue.length;
    },
  };
}
