/**
 * The request rate of one invocation, shared by every request in flight: a token bucket that
 * hands out one slot every `1000 / rate` ms. A 429 pauses the whole bucket (for its
 * `Retry-After`, or a second) and lowers the rate, so the pool slows down together instead
 * of each request retrying on its own; every answered request wins a little of the rate back.
 */
export interface RateLimiter {
  /** Resolves when this request may start. */
  acquire(): Promise<void>;
  /** The API answered 429: pause everyone, then go slower. */
  throttled(retryAfterMs?: number): void;
  /** A request was answered without a 429. */
  answered(): void;
  /** The rate in use now, requests per second. */
  currentRate(): number;
}

export interface RateLimiterOptions {
  requestsPerSecond: number;
  /** Requests that may start at once after an idle spell (the bucket's size). */
  burst?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** The rate after a 429 is this share of the rate before it (multiplicative decrease). */
const DECREASE = 0.7;
/** Each answered request adds back this share of the configured rate (additive increase). */
const INCREASE = 0.02;
/** Never slower than this share of the configured rate. */
const FLOOR = 0.1;
const DEFAULT_PAUSE_MS = 1_000;

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const configured = options.requestsPerSecond;
  if (!(configured > 0)) throw new Error(`requestsPerSecond must be > 0 (got ${configured}).`);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const burst = Math.max(1, options.burst ?? 1);
  let rate = configured;
  // The time the next slot opens; a full bucket lets `burst` requests start before `now`.
  let nextSlot = now() - (burst - 1) * (1000 / rate);
  let pausedUntil = 0;
  return {
    async acquire() {
      const at = Math.max(now(), nextSlot, pausedUntil);
      const interval = 1000 / rate;
      nextSlot = Math.max(at, now() - (burst - 1) * interval) + interval;
      const wait = at - now();
      if (wait > 0) await sleep(wait);
      // A 429 that arrived while this request waited pauses it too.
      if (pausedUntil > now()) await this.acquire();
    },
    throttled(retryAfterMs) {
      pausedUntil = Math.max(pausedUntil, now() + (retryAfterMs ?? DEFAULT_PAUSE_MS));
      rate = Math.max(configured * FLOOR, rate * DECREASE);
    },
    answered() {
      rate = Math.min(configured, rate + configured * INCREASE);
    },
    currentRate: () => rate,
  };
}
