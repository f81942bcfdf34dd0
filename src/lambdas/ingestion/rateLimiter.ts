/**
 * The request rate of one invocation, shared by every request in flight: a token bucket that
 * hands out one slot every `1000 / rate` ms, and never more than the configured rate in any
 * one-second span. A 429 pauses the whole bucket (for its `Retry-After`, or a second) and
 * lowers the rate, so the pool slows down together instead of each request retrying on its
 * own; every answered request wins a little of the rate back.
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
/**
 * Many APIs count requests per fixed one-second window. Evenly spaced starts can still put
 * rate + 1 requests into one window when the network delays one more than the next, so no
 * `rate` starts may fall within one second plus this margin (it covers that delay).
 */
export const WINDOW_MARGIN_MS = 50;
const WINDOW_MS = 1_000 + WINDOW_MARGIN_MS;

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const configured = options.requestsPerSecond;
  if (!(configured > 0)) throw new Error(`requestsPerSecond must be > 0 (got ${configured}).`);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const burst = Math.max(1, options.burst ?? 1);
  // Below one request per second the spacing alone keeps every window within the limit.
  const perWindow = Math.floor(configured);
  /** Start times of the last `perWindow` slots handed out, oldest first. */
  const recent: number[] = [];
  let rate = configured;
  // The time the next slot opens; a full bucket lets `burst` requests start before `now`.
  let nextSlot = now() - (burst - 1) * (1000 / rate);
  let pausedUntil = 0;
  const windowOpensAt = () =>
    perWindow >= 1 && recent.length >= perWindow ? (recent[0] as number) + WINDOW_MS : 0;
  return {
    async acquire() {
      const at = Math.max(now(), nextSlot, pausedUntil, windowOpensAt());
      const interval = 1000 / rate;
      nextSlot = Math.max(at, now() - (burst - 1) * interval) + interval;
      if (perWindow >= 1) {
        recent.push(at);
        if (recent.length > perWindow) recent.shift();
      }
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
