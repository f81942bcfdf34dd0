import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { BavestApiVersion } from "../../core/ingestionModel.js";
import { freeLoopbackPort } from "../../lib/ports.js";
import { repoPath } from "../repoRoot.js";
import { type AnswerSource, isDataRequest, route, send } from "./fakeBavestRoutes.js";
import { nextQuote, type Quote, syntheticQuote } from "./quoteWalk.js";

/** The repository's fixture file. */
export const SAMPLE_FIXTURE = repoPath("fixtures/sample.json");

/** The API key the local stand-in accepts (any non-empty key works; this one is the default). */
export const LOCAL_API_KEY = "local-dev-key";

export interface FakeBavest {
  /** Base URL including `/v0` (or `/v2` when only v2 is served), like https://api.bavest.co/v0. */
  url: string;
  port: number;
  /** Symbols with a base quote from the fixtures, in fixture order. */
  symbols: string[];
  /** Quote requests answered so far (429s included). */
  calls(): number;
  /** Requests answered 429 because they came faster than `requestsPerSecond`. */
  throttled(): number;
  stop(): Promise<void>;
}

export interface FakeBavestOptions {
  fixtureFile?: string;
  random?: () => number;
  nowSeconds?: () => number;
  /** Milliseconds every answer is held back, like a distant API. */
  latencyMs?: number;
  /**
   * The plan's request limit, counted per fixed one-second window; a request above it is
   * answered 429 with `Retry-After` (whole seconds).
   */
  requestsPerSecond?: number;
  /** The API versions served (both unless set): `dev --api-version v2` serves v2 only. */
  apiVersions?: readonly BavestApiVersion[];
}

/**
 * The plan's limit as many APIs count it: requests per fixed one-second window of wall time.
 * `take()` is true when a request may pass; a refused one is told to retry when the next
 * window opens (`Retry-After` in whole seconds, so at least 1).
 */
export function fixedWindowLimit(perSecond: number | undefined, clock: () => number = Date.now) {
  if (perSecond === undefined) return { take: () => ({ ok: true as const }) };
  let window = Number.NaN;
  let count = 0;
  return {
    take(): { ok: true } | { ok: false; retryAfterSeconds: number } {
      const current = Math.floor(clock() / 1000);
      if (current !== window) [window, count] = [current, 0];
      if (count < perSecond) {
        count += 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: 1 };
    },
  };
}

/** The newest quote per symbol in an envelope fixture file (array of envelopes). */
export async function baseQuotesFrom(file: string): Promise<Map<string, Quote>> {
  const envelopes = JSON.parse(await readFile(file, "utf8")) as Array<{ symbol?: string; quote?: Quote }>;
  const quotes = new Map<string, Quote>();
  for (const envelope of envelopes) {
    const symbol = envelope.symbol?.trim().toUpperCase();
    if (!symbol || typeof envelope.quote?.c !== "number") continue;
    const known = quotes.get(symbol);
    if (!known || envelope.quote.t >= known.t) quotes.set(symbol, envelope.quote);
  }
  return quotes;
}

/**
 * Starts the Bavest stand-in on a free loopback port: v0 and v2 quotes with an x-api-key, in
 * the currency asked for (EUR when none, as Bavest), and Bavest's error shapes for the symbols
 * of ERROR_SYMBOLS (src/local/servers/fakeBavestRoutes.ts).
 */
export async function startFakeBavest(options: FakeBavestOptions = {}): Promise<FakeBavest> {
  const quotes = await baseQuotesFrom(options.fixtureFile ?? SAMPLE_FIXTURE);
  const symbols = [...quotes.keys()];
  const random = options.random ?? Math.random;
  const now = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  let calls = 0;
  let throttled = 0;
  const limit = fixedWindowLimit(options.requestsPerSecond);
  const latencyMs = options.latencyMs ?? 0;
  const asked = new Map<string, number>();
  const versions = options.apiVersions ?? ["v0", "v2"];
  const answers: AnswerSource = {
    versions,
    quoteFor(symbol) {
      calls += 1;
      const previous = quotes.get(symbol) ?? syntheticQuote(symbol, now());
      const next = nextQuote(previous, random(), now());
      quotes.set(symbol, next);
      return next;
    },
    metricsFor: (symbol) => quotes.get(symbol) ?? syntheticQuote(symbol, now()),
    timesAsked(symbol) {
      const count = (asked.get(symbol) ?? 0) + 1;
      asked.set(symbol, count);
      return count;
    },
  };
  const server = createServer((request, response) => {
    const admitted = isDataRequest(request) ? limit.take() : { ok: true as const };
    const answer = async () => {
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      if (!admitted.ok) {
        calls += 1;
        throttled += 1;
        response.writeHead(429, {
          "content-type": "application/json",
          "retry-after": String(admitted.retryAfterSeconds),
        });
        response.end(JSON.stringify({ message: "Too Many Requests" }));
        return;
      }
      await route(request, response, answers);
    };
    answer().catch(() => send(response, 500, { errorMessage: "internal error", errorType: "Error" }));
  });
  const port = await freeLoopbackPort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}/${versions.includes("v0") ? "v0" : "v2"}`,
    port,
    symbols,
    calls: () => calls,
    throttled: () => throttled,
    stop: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}
