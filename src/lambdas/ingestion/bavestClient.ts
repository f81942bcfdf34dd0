import {
  type BavestApiVersion,
  DEFAULT_API_VERSION,
  DEFAULT_CURRENCY,
  type QuoteCurrency,
} from "../../core/ingestionModel.js";
import { type BackoffOptions, backoffDelayMs, sleep as defaultSleep } from "../../core/retry.js";
import {
  type ApiRequest,
  type Read,
  readV0Quote,
  readV2Eps,
  readV2Quote,
  v0QuoteRequest,
  v2MetricsRequest,
  v2QuoteRequest,
} from "./adapters.js";
import { type Attempt, attemptOnce } from "./httpAttempt.js";
import type { RateLimiter } from "./rateLimiter.js";

export { quoteUrl } from "./bavestApi.js";

export type QuoteResult =
  | { ok: true; quote: Record<string, unknown>; attempts: number }
  | { ok: false; reason: string; status?: number; attempts: number };

export interface QuoteClientOptions {
  apiUrl: string;
  apiKey: string;
  /** v0 unless set. */
  apiVersion?: BavestApiVersion;
  /** The currency asked for; USD unless set. */
  currency?: QuoteCurrency;
  timeoutMs: number;
  maxAttempts: number;
  backoff: BackoffOptions;
  maxRetryAfterMs: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** The invocation's shared request rate; without one, requests start as soon as a slot in the pool frees. */
  limiter?: RateLimiter;
}

type CallResult<T> = { ok: true; value: T; attempts: number } | Extract<QuoteResult, { ok: false }>;

/**
 * One call with its retries: 429, 5xx, network errors, timeouts and error bodies that say they
 * are transient are retried with exponential backoff and full jitter, waiting what
 * `Retry-After` asks when present (up to `maxRetryAfterMs`); other 4xx never. Never throws.
 */
export async function callWithRetry<T>(
  request: ApiRequest,
  read: (body: unknown) => Read<T>,
  options: QuoteClientOptions,
): Promise<CallResult<T>> {
  const sleep = options.sleep ?? defaultSleep;
  const limiter = options.limiter;
  let last: Extract<Attempt<T>, { kind: "retry" }> = { kind: "retry", reason: "not attempted" };
  for (let attempt = 1; attempt <= options.maxAttempts; attempt += 1) {
    await limiter?.acquire();
    const outcome = await attemptOnce(request, read, options);
    if (outcome.kind === "done" || outcome.status !== 429) limiter?.answered();
    if (outcome.kind === "done") return { ...outcome.result, attempts: attempt };
    last = outcome;
    if (limiter && outcome.status === 429) {
      // The shared bucket waits for everyone: no second, private wait on top of it.
      limiter.throttled(
        outcome.waitMs === undefined ? undefined : Math.min(outcome.waitMs, options.maxRetryAfterMs),
      );
    } else if (attempt < options.maxAttempts) {
      const backoff = backoffDelayMs(attempt - 1, options.backoff, options.random);
      await sleep(outcome.waitMs !== undefined ? Math.min(outcome.waitMs, options.maxRetryAfterMs) : backoff);
    }
  }
  return {
    ok: false,
    reason: `${last.reason} (gave up after ${options.maxAttempts} attempts)`,
    status: last.status,
    attempts: options.maxAttempts,
  };
}

/**
 * Fetches one quote and maps it to the envelope's `quote` (v0 fields). v0: `POST /v0/quote`,
 * the answer as it is. v2: the quote, then EPS from the metrics endpoint, mapped onto the same
 * fields (src/lambdas/ingestion/bavestApi.ts lists the paths and where they come from).
 */
export async function fetchQuote(symbol: string, options: QuoteClientOptions): Promise<QuoteResult> {
  const currency = options.currency ?? DEFAULT_CURRENCY;
  if ((options.apiVersion ?? DEFAULT_API_VERSION) === "v0") {
    const quote = await callWithRetry(
      v0QuoteRequest(options.apiUrl, symbol, currency),
      (body) => readV0Quote(body, currency),
      options,
    );
    return quote.ok ? { ok: true, quote: quote.value, attempts: quote.attempts } : quote;
  }
  const quote = await callWithRetry(
    v2QuoteRequest(options.apiUrl, symbol, currency),
    (body) => readV2Quote(body, currency),
    options,
  );
  if (!quote.ok) return quote;
  const eps = await callWithRetry(v2MetricsRequest(options.apiUrl, symbol, currency), readV2Eps, options);
  const attempts = quote.attempts + eps.attempts;
  // A quote without the EPS it needs would replace a good Signal with an unknown one.
  if (!eps.ok) return { ...eps, reason: `EPS not fetched: ${eps.reason}`, attempts };
  const metrics = eps.value === undefined ? {} : { eps: eps.value };
  return { ok: true, quote: { ...quote.value, metrics }, attempts };
}
