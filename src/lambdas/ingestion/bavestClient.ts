import {
  type BackoffOptions,
  backoffDelayMs,
  sleep as defaultSleep,
  retryAfterMs,
} from "../../core/retry.js";
import type { RateLimiter } from "./rateLimiter.js";

export type QuoteResult =
  | { ok: true; quote: Record<string, unknown>; attempts: number }
  | { ok: false; reason: string; status?: number; attempts: number };

export interface QuoteClientOptions {
  apiUrl: string;
  apiKey: string;
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

/** `{base}/quote` without a double slash when the base ends in "/". */
export function quoteUrl(apiUrl: string): string {
  return `${apiUrl.replace(/\/+$/, "")}/quote`;
}

type Attempt =
  | { kind: "done"; result: QuoteResult }
  | { kind: "retry"; reason: string; status?: number; waitMs?: number };

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

async function attemptOnce(symbol: string, options: QuoteClientOptions, attempts: number): Promise<Attempt> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(quoteUrl(options.apiUrl), {
      method: "POST",
      headers: {
        "x-api-key": options.apiKey,
        "content-type": "application/json",
        accept: "application/json",
      },
      body: JSON.stringify({ symbol }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    const reason =
      name === "TimeoutError"
        ? `timed out after ${options.timeoutMs} ms`
        : `network error: ${(error as Error).message}`;
    return { kind: "retry", reason };
  }
  const { status } = response;
  if (isRetryableStatus(status)) {
    await response.body?.cancel();
    const waitMs = retryAfterMs(response.headers.get("retry-after")) ?? undefined;
    return { kind: "retry", reason: `HTTP ${status}`, status, waitMs };
  }
  return { kind: "done", result: await readAnswer(response, attempts) };
}

async function readAnswer(response: Response, attempts: number): Promise<QuoteResult> {
  const { status } = response;
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    return {
      ok: false,
      reason: `response body could not be read: ${(error as Error).message}`,
      status,
      attempts,
    };
  }
  if (status === 403)
    return { ok: false, reason: "HTTP 403: the Bavest API key is invalid", status, attempts };
  if (status < 200 || status >= 300)
    return { ok: false, reason: `HTTP ${status}: ${text.slice(0, 200)}`, status, attempts };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {
      ok: false,
      reason: `malformed JSON in the quote response: ${JSON.stringify(text.slice(0, 60))}`,
      status,
      attempts,
    };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, reason: "the quote response is not a JSON object", status, attempts };
  }
  return { ok: true, quote: body as Record<string, unknown>, attempts };
}

/**
 * Fetches one quote: `POST {apiUrl}/quote {"symbol"}` with the `x-api-key` header. Retries on
 * 429, 5xx, network errors and timeouts with exponential backoff and full jitter, waiting what
 * `Retry-After` asks when present (up to `maxRetryAfterMs`). Never retries other 4xx. Never throws.
 */
export async function fetchQuote(symbol: string, options: QuoteClientOptions): Promise<QuoteResult> {
  const sleep = options.sleep ?? defaultSleep;
  let last: Extract<Attempt, { kind: "retry" }> = { kind: "retry", reason: "not attempted" };
  const limiter = options.limiter;
  for (let attempt = 1; attempt <= options.maxAttempts; attempt += 1) {
    await limiter?.acquire();
    const outcome = await attemptOnce(symbol, options, attempt);
    if (outcome.kind === "done" || outcome.status !== 429) limiter?.answered();
    if (outcome.kind === "done") return outcome.result;
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
