import { retryAfterMs } from "../../core/retry.js";
import type { ApiRequest, Read } from "./adapters.js";
import { errorInBody, messageOf } from "./answerShape.js";

/** The outcome of one HTTP attempt: finished (data or a failure not worth retrying), or retry. */
export type Attempt<T> =
  | { kind: "done"; result: { ok: true; value: T } | { ok: false; reason: string; status?: number } }
  | { kind: "retry"; reason: string; status?: number; waitMs?: number };

export interface AttemptOptions {
  apiKey: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

async function send(request: ApiRequest, options: AttemptOptions): Promise<Response | { error: string }> {
  const doFetch = options.fetch ?? fetch;
  try {
    return await doFetch(request.url, {
      method: request.method,
      headers: {
        "x-api-key": options.apiKey,
        accept: "application/json",
        ...(request.body ? { "content-type": "application/json" } : {}),
      },
      ...(request.body ? { body: JSON.stringify(request.body) } : {}),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    return {
      error:
        name === "TimeoutError"
          ? `timed out after ${options.timeoutMs} ms`
          : `network error: ${(error as Error).message}`,
    };
  }
}

/**
 * A 403 body is replaced by Bavest with a fixed text, and behind API Gateway a wrong path is
 * also 403: the reason keeps both readings and what the body said.
 */
function forbidden(text: string): string {
  return `HTTP 403: the Bavest API key is invalid, or the path does not exist (Bavest said: ${messageOf(text)})`;
}

/** Reads a 2xx body: JSON, then an error it may carry whatever the status, then the adapter. */
function readBody<T>(
  text: string,
  status: number,
  read: (body: unknown) => Read<T>,
  what: string,
): Attempt<T> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const reason = `malformed JSON in the ${what} response: ${JSON.stringify(text.slice(0, 60))}`;
    return { kind: "done", result: { ok: false, reason, status } };
  }
  const error = errorInBody(body);
  if (error) {
    const reason = `Bavest answered HTTP ${status} with an error: ${error.message}`;
    return error.transient
      ? { kind: "retry", reason, status }
      : { kind: "done", result: { ok: false, reason, status } };
  }
  const result = read(body);
  return { kind: "done", result: result.ok ? result : { ...result, status } };
}

/** One request to Bavest, never throwing: what it answered, judged whatever its status. */
export async function attemptOnce<T>(
  request: ApiRequest,
  read: (body: unknown) => Read<T>,
  options: AttemptOptions,
): Promise<Attempt<T>> {
  const response = await send(request, options);
  if ("error" in response) return { kind: "retry", reason: response.error };
  const { status } = response;
  if (isRetryableStatus(status)) {
    await response.body?.cancel();
    const waitMs = retryAfterMs(response.headers.get("retry-after")) ?? undefined;
    return { kind: "retry", reason: `HTTP ${status}`, status, waitMs };
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    const reason = `response body could not be read: ${(error as Error).message}`;
    return { kind: "done", result: { ok: false, reason, status } };
  }
  if (status === 403) return { kind: "done", result: { ok: false, reason: forbidden(text), status } };
  if (status < 200 || status >= 300)
    return { kind: "done", result: { ok: false, reason: `HTTP ${status}: ${messageOf(text)}`, status } };
  return readBody(text, status, read, request.what);
}
