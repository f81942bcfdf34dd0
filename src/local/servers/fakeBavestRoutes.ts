import type { IncomingMessage, ServerResponse } from "node:http";
import type { BavestApiVersion } from "../../core/ingestionModel.js";
import { inCurrency, type Quote, STAND_IN_RATES_PER_USD, v2MetricsOf, v2QuoteOf } from "./quoteWalk.js";

/** What the routes need from the stand-in's state. */
export interface AnswerSource {
  versions: readonly BavestApiVersion[];
  /** The next quote of a symbol (a call counted). */
  quoteFor(symbol: string): Quote;
  /** The symbol's current quote, for its metrics (not a new observation). */
  metricsFor(symbol: string): Quote;
  /** How often this symbol was asked for, this time included. */
  timesAsked(symbol: string): number;
}

/** Bavest answers in EUR when no currency is sent (its Python SDK's default says as much). */
export const STAND_IN_DEFAULT_CURRENCY = "EUR";

/**
 * Symbols the stand-in answers with Bavest's error shapes, status 200 included (the shapes of
 * Bavest/python-sdk bavest/errors.py), so `dev --symbols AAPL,ERR.UPSTREAM` exercises them.
 */
export const ERROR_SYMBOLS = {
  /** 200 `{"statusCode": 400, "body"}`: a bad query, never retried. */
  "ERR.STATUS400": "statusCode 400",
  /** 200 `{"errorMessage", "errorType", ...}` every time: an upstream failure, retried until given up. */
  "ERR.UPSTREAM": "errorType, always",
  /** 200 `{"errorMessage", "errorType"}` the first time, a quote after: the retry succeeds. */
  "ERR.FLAKY": "errorType once",
  /** 200 `{}`: a 2xx object that is no quote. */
  "ERR.EMPTY": "empty object",
  /** 403 `{"message": "Forbidden"}`, as for an invalid key. */
  "ERR.FORBIDDEN": "403",
} as const;

const ROUTES = {
  "POST /v0/quote": "v0 quote",
  "POST /quote": "v0 quote",
  "GET /v0/status": "v0 status",
  "GET /status": "v0 status",
  "GET /v2/timeseries/quote": "v2 quote",
  "GET /v2/equities/metrics": "v2 metrics",
  "GET /v2/account/status": "v2 status",
} as const;
type Route = (typeof ROUTES)[keyof typeof ROUTES];

function routeOf(request: IncomingMessage): Route | undefined {
  const path = (request.url ?? "/").split("?")[0]?.replace(/\/+$/, "") ?? "";
  return ROUTES[`${request.method} ${path}` as keyof typeof ROUTES];
}

/** Requests the plan's limit counts: quotes and metrics. */
export function isDataRequest(request: IncomingMessage): boolean {
  const route = routeOf(request);
  return route !== undefined && !route.endsWith("status");
}

export function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    request.setEncoding("utf8");
    request.on("data", (chunk) => {
      text += chunk;
    });
    request.on("end", () => resolve(text));
    request.on("error", reject);
  });
}

/** The symbol and currency asked for: v0 in the JSON body, v2 in the query string. */
async function paramsOf(request: IncomingMessage, route: Route): Promise<Record<string, unknown> | null> {
  if (route.startsWith("v2")) {
    return Object.fromEntries(new URL(request.url ?? "/", "http://stand-in").searchParams);
  }
  try {
    const body = JSON.parse(await readBody(request)) as unknown;
    return typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  } catch {
    return null;
  }
}

/** The error answer a reserved symbol gets, or null for an ordinary symbol. */
function errorAnswer(symbol: string, answers: AnswerSource): { status: number; body: unknown } | null {
  const upstream = {
    errorMessage: "2026-12-06T00:00:00.000Z Task timed out after 6.01 seconds",
    errorType: "UpstreamError",
    requestId: "00000000-0000-0000-0000-000000000000",
    stackTrace: [],
  };
  switch (symbol) {
    case "ERR.STATUS400":
      return { status: 200, body: { statusCode: 400, body: `Invalid query: no security ${symbol}.` } };
    case "ERR.UPSTREAM":
      return { status: 200, body: upstream };
    case "ERR.FLAKY":
      return answers.timesAsked(symbol) === 1 ? { status: 200, body: upstream } : null;
    case "ERR.EMPTY":
      return { status: 200, body: {} };
    case "ERR.FORBIDDEN":
      return { status: 403, body: { message: "Forbidden" } };
    default:
      return null;
  }
}

function quoteAnswer(route: Route, symbol: string, currency: string, answers: AnswerSource): unknown {
  const rate = STAND_IN_RATES_PER_USD[currency] as number;
  if (route === "v2 metrics")
    return { data: v2MetricsOf(symbol, inCurrency(answers.metricsFor(symbol), currency, rate)) };
  const quote = inCurrency(answers.quoteFor(symbol), currency, rate);
  return route === "v2 quote" ? { data: v2QuoteOf(quote) } : quote;
}

/**
 * Answers one request as Bavest would: behind API Gateway an unknown path (or a version not
 * served) is 403 like a bad key; errors of a valid request come back as 200 with an error body.
 */
export async function route(request: IncomingMessage, response: ServerResponse, answers: AnswerSource) {
  const found = routeOf(request);
  if (found === undefined || !answers.versions.includes(found.slice(0, 2) as BavestApiVersion))
    return send(response, 403, { message: "Missing Authentication Token" });
  if (found === "v0 status") return send(response, 200, { status: "ok" });
  if (found === "v2 status") return send(response, 200, { data: { status: "ok" } });
  const key = request.headers["x-api-key"];
  if (typeof key !== "string" || key.length === 0) return send(response, 403, { message: "Forbidden" });
  const params = await paramsOf(request, found);
  if (params === null) return send(response, 200, { statusCode: 400, body: "Request body is not JSON." });
  if (typeof params.symbol !== "string" || params.symbol.trim() === "")
    return send(response, 200, { statusCode: 400, body: "Missing symbol." });
  const symbol = params.symbol.trim().toUpperCase();
  const failure = found === "v2 metrics" ? null : errorAnswer(symbol, answers);
  if (failure) return send(response, failure.status, failure.body);
  const currency =
    typeof params.currency === "string" ? params.currency.toUpperCase() : STAND_IN_DEFAULT_CURRENCY;
  if (STAND_IN_RATES_PER_USD[currency] === undefined)
    return send(response, 200, { statusCode: 400, body: `Unsupported currency ${currency}.` });
  return send(response, 200, quoteAnswer(found, symbol, currency, answers));
}
