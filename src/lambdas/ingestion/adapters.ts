import type { BavestApiVersion, QuoteCurrency } from "../../core/ingestionModel.js";
import { isPlainObject, num, quoteProblem, shorten } from "./answerShape.js";
import {
  BAVEST_ENDPOINTS,
  type EndpointSpec,
  endpointUrl,
  V2_EPS_FIELDS,
  V2_QUOTE_FIELDS,
} from "./bavestApi.js";

/** One HTTP call to Bavest. */
export interface ApiRequest {
  method: "GET" | "POST";
  url: string;
  /** JSON body (POST only). */
  body?: Record<string, string>;
  /** What the call fetches, for reasons: "quote", "EPS". */
  what: string;
}

/** What an adapter made of a 2xx body that carried no error. */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

function request(
  apiUrl: string,
  version: BavestApiVersion,
  spec: EndpointSpec,
  what: string,
  params: Record<string, string>,
): ApiRequest {
  const url = endpointUrl(apiUrl, version, spec);
  if (spec.method === "POST") return { method: "POST", url, body: params, what };
  return { method: "GET", url: `${url}?${new URLSearchParams(params).toString()}`, what };
}

/** v0: `POST {root}/v0/quote {"symbol", "currency"}` (currency as the Python SDK sends it). */
export function v0QuoteRequest(apiUrl: string, symbol: string, currency: QuoteCurrency): ApiRequest {
  return request(apiUrl, "v0", BAVEST_ENDPOINTS.v0.quote, "quote", { symbol, currency });
}

/**
 * A v0 answer is the quote itself, kept unchanged (docs/contracts.md section 1) except that a missing
 * `currency` is filled in with the one asked for, so the Signal says what its prices are in.
 */
export function readV0Quote(body: unknown, currency: QuoteCurrency): Read<Record<string, unknown>> {
  if (!isPlainObject(body)) return { ok: false, reason: "the quote answer is not a JSON object" };
  const problem = quoteProblem(body);
  if (problem) return { ok: false, reason: problem };
  return { ok: true, value: body.currency === undefined ? { ...body, currency } : body };
}

/** v2: `GET {root}/v2/timeseries/quote?symbol&currency` (see BAVEST_ENDPOINTS for the source). */
export function v2QuoteRequest(apiUrl: string, symbol: string, currency: QuoteCurrency): ApiRequest {
  return request(apiUrl, "v2", BAVEST_ENDPOINTS.v2.quote, "quote", { symbol, currency });
}

/** v2's EPS: `GET {root}/v2/equities/metrics?symbol&currency`. */
export function v2MetricsRequest(apiUrl: string, symbol: string, currency: QuoteCurrency): ApiRequest {
  return request(apiUrl, "v2", BAVEST_ENDPOINTS.v2.metrics, "EPS", { symbol, currency });
}

/** v2 wraps every answer in `{"data": ...}` (https://docs.bavest.co/changelog). */
function unwrap(body: unknown, what: string): Read<unknown> {
  if (!isPlainObject(body) || !("data" in body))
    return { ok: false, reason: `the v2 ${what} answer has no "data" (got ${shorten(body, 60)})` };
  return { ok: true, value: body.data };
}

/**
 * Unix seconds from v2's `timestamp`: seconds stay, milliseconds (past 1e11, i.e. after 5138
 * in seconds) are divided, an ISO string is parsed. Anything else stays as it came, and the
 * quote check names it.
 */
export function secondsOf(value: unknown): unknown {
  const n = num(value);
  if (n !== undefined) return n > 1e11 ? Math.round(n / 1000) : n;
  if (typeof value === "string" && !Number.isNaN(Date.parse(value)))
    return Math.round(Date.parse(value) / 1000);
  return value;
}

/** Maps a v2 quote onto the v0 fields the envelope's `quote` has (V2_QUOTE_FIELDS). */
export function readV2Quote(body: unknown, currency: QuoteCurrency): Read<Record<string, unknown>> {
  const data = unwrap(body, "quote");
  if (!data.ok) return data;
  if (!isPlainObject(data.value))
    return { ok: false, reason: 'the v2 quote answer\'s "data" is not an object' };
  const quote: Record<string, unknown> = {};
  for (const [from, to] of Object.entries(V2_QUOTE_FIELDS)) {
    if (data.value[from] !== undefined)
      quote[to] = from === "timestamp" ? secondsOf(data.value[from]) : data.value[from];
  }
  quote.currency ??= currency;
  const problem = quoteProblem(quote);
  return problem
    ? { ok: false, reason: problem.replace("the answer", "the v2 answer") }
    : { ok: true, value: quote };
}

function epsIn(record: Record<string, unknown>): unknown {
  for (const name of V2_EPS_FIELDS)
    if (record[name] !== undefined && record[name] !== null) return record[name];
  const label = record.name ?? record.metric ?? record.key ?? record.id;
  if (typeof label === "string" && (V2_EPS_FIELDS as readonly string[]).includes(label)) return record.value;
  return undefined;
}

/**
 * EPS from a v2 metrics answer: a field of `data` (or of `data.metrics`), or the first entry of
 * a typed array that has one (`[{"name": "eps", "value": 6.43}]` or `[{"eps": 6.43, ...}]`,
 * newest first). No EPS in a well-formed answer is not an error: the quote goes on without.
 */
export function readV2Eps(body: unknown): Read<unknown> {
  const data = unwrap(body, "metrics");
  if (!data.ok) return data;
  const candidates: unknown[] = [data.value];
  if (isPlainObject(data.value) && data.value.metrics !== undefined) candidates.push(data.value.metrics);
  for (const candidate of candidates) {
    const records = Array.isArray(candidate) ? candidate : [candidate];
    for (const record of records) {
      const eps = isPlainObject(record) ? epsIn(record) : undefined;
      if (eps !== undefined) return { ok: true, value: eps };
    }
  }
  return { ok: true, value: undefined };
}
