/**
 * Reading Bavest's answers whatever their status: its Python SDK (bavest/errors.py
 * check_response) checks every body for an error, because errors also come back as 200.
 */

/** Why an answer is not data, and whether trying again may help. */
export interface BodyError {
  message: string;
  transient: boolean;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** docs/contracts.md section 2's `num`: a finite number, or a string that is entirely a decimal number. */
export function num(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** A short, single-line quote of a message from the API, for logs and reasons. */
export function shorten(value: unknown, max = 200): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
}

/** API Gateway's own messages that mean "try again later" (timeouts, throttling, 5xx text). */
const TRANSIENT_MESSAGE =
  /timed out|timeout|internal server error|too many requests|throttl|limit exceeded|service unavailable|bad gateway/i;

function statusError(body: Record<string, unknown>): BodyError | null {
  const code = num(body.statusCode);
  if (code === undefined || (code >= 200 && code < 300)) return null;
  const detail = body.body === undefined ? "" : `: ${shorten(body.body)}`;
  return { message: `statusCode ${code}${detail}`, transient: code === 429 || code >= 500 };
}

function v2Error(body: Record<string, unknown>): BodyError | null {
  const error = body.error;
  const statusWord = typeof body.status === "string" && body.status.toUpperCase() === "ERROR";
  if (error === undefined && !statusWord) return null;
  const message = isPlainObject(error)
    ? (error.message ?? error.code ?? error)
    : (error ?? body.message ?? body.status);
  const text = shorten(message);
  return { message: `error: ${text}`, transient: TRANSIENT_MESSAGE.test(text) };
}

/**
 * The error a JSON body carries, or null when it carries none: `{"errorMessage", "errorType"}`
 * (an upstream failure: transient), `{"statusCode": 400, "body"}` (a bad query: not),
 * a lone `{"message"}` from API Gateway (transient only when it says so), v2's `{"error"}`.
 */
export function errorInBody(body: unknown): BodyError | null {
  if (!isPlainObject(body)) return null;
  if (body.errorType !== undefined || body.errorMessage !== undefined) {
    const type = body.errorType === undefined ? "" : `${shorten(body.errorType, 60)}: `;
    return { message: `${type}${shorten(body.errorMessage ?? "no errorMessage")}`, transient: true };
  }
  const status = statusError(body);
  if (status) return status;
  const versioned = v2Error(body);
  if (versioned) return versioned;
  const keys = Object.keys(body);
  if (keys.length === 1 && typeof body.message === "string") {
    return { message: `message: ${shorten(body.message)}`, transient: TRANSIENT_MESSAGE.test(body.message) };
  }
  return null;
}

/** The message of an error answer's body (403, 4xx), for the log: its `message`, else its text. */
export function messageOf(text: string): string {
  try {
    const body = JSON.parse(text) as unknown;
    if (isPlainObject(body) && typeof body.message === "string") return shorten(body.message);
    const found = errorInBody(body);
    if (found) return found.message;
  } catch {
    // Not JSON: the text itself says what happened.
  }
  return shorten(text) || "(empty body)";
}

/**
 * Why a v0-shaped quote is not a quote, or null: it needs a number `c` > 0 (a numeric string
 * counts, as in the analysis) and a `t` that is a number > 0.
 */
export function quoteProblem(quote: Record<string, unknown>): string | null {
  const price = num(quote.c);
  if (price === undefined || price <= 0) {
    const keys = Object.keys(quote).slice(0, 8).join(", ") || "none";
    return `the answer is not a quote: c is ${shorten(quote.c ?? "missing", 40)}, not a price > 0 (fields: ${keys})`;
  }
  const t = quote.t;
  if (typeof t !== "number" || !Number.isFinite(t) || t <= 0)
    return `the answer is not a quote: t is ${shorten(t ?? "missing", 40)}, not a time > 0`;
  return null;
}
