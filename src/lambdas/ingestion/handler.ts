import { type Envelope, encodeEnvelope } from "../../core/envelope.js";
import { sleep as defaultSleep } from "../../core/retry.js";
import { type PutEntry, type PutRecordsClient, putRecordsWithRetry } from "../../kinesis/putRecords.js";
import { jsonConsoleLogger, type LambdaLogger } from "../shared/logger.js";
import { createApiKeyProvider, type SecretReader } from "./apiKey.js";
import { fetchQuote, type QuoteResult } from "./bavestClient.js";
import { mapWithConcurrency } from "./pool.js";
import { createRateLimiter } from "./rateLimiter.js";
import { type ApiKeySource, type IngestionSettings, symbolsForEvent } from "./settings.js";

export interface IngestionSummary {
  /** Symbols asked for. */
  symbols: number;
  /** Records acknowledged by Kinesis. */
  written: number;
  /** Symbols without a record on the stream, with the reason. */
  failures: { symbol: string; reason: string }[];
  /** PutRecords calls, retries included. */
  putCalls: number;
  durationMs: number;
}

export interface IngestionHandlerDeps {
  kinesis: PutRecordsClient;
  settings: IngestionSettings & { apiKey: ApiKeySource };
  fetch?: typeof fetch;
  logger?: LambdaLogger;
  readSecret?: SecretReader;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/** Thrown when quotes were fetched but Kinesis did not take them all: the scheduler retries the invocation. */
export class IngestionWriteError extends Error {
  constructor(
    message: string,
    readonly summary: IngestionSummary,
  ) {
    super(message);
    this.name = "IngestionWriteError";
  }
}

type Failure = IngestionSummary["failures"][number];

/** Wraps each fetched quote in an envelope for the stream; the symbols without a quote become failures. */
function toEntries(symbols: readonly string[], fetched: readonly QuoteResult[], now: () => Date) {
  const entries: PutEntry[] = [];
  const failures: Failure[] = [];
  fetched.forEach((result, index) => {
    const symbol = symbols[index] as string;
    if (!result.ok) {
      failures.push({ symbol, reason: result.reason });
      return;
    }
    const fetchedAt = now().toISOString();
    const envelope: Envelope = { schemaVersion: 1, symbol, fetchedAt, source: "bavest", quote: result.quote };
    entries.push({ Data: encodeEnvelope(envelope), PartitionKey: symbol });
  });
  return { entries, failures };
}

/** One line per symbol that needed retries or got no quote, so the log says what the API did. */
function logQuoteOutcomes(logger: LambdaLogger, symbols: readonly string[], fetched: readonly QuoteResult[]) {
  fetched.forEach((result, index) => {
    const symbol = symbols[index];
    if (!result.ok)
      logger.warn("Quote not fetched", { symbol, reason: result.reason, attempts: result.attempts });
    else if (result.attempts > 1)
      logger.info("Quote fetched after retries", { symbol, attempts: result.attempts });
  });
}

/**
 * The ingestion function outside of any Lambda specifics: fetches a quote per watchlist symbol
 * (bounded concurrency, retries), wraps each in an envelope and writes them to Kinesis, resending
 * only the entries Kinesis refused. One failing symbol never stops the others.
 */
/** The part of the Lambda context the handler uses. */
export interface InvocationContext {
  getRemainingTimeInMillis?: () => number;
}

/**
 * Whether the invocation should stop starting requests: it keeps a fifth of its time (at least
 * 2 s) for PutRecords and the summary, plus one request timeout, so the last request started
 * ends in time (`planIngestion` sizes slices by the same rule). Without a Lambda context it
 * never runs out.
 */
function timeBudget(context: InvocationContext | undefined, requestTimeoutMs: number): () => boolean {
  const remaining = context?.getRemainingTimeInMillis?.bind(context);
  if (remaining === undefined) return () => false;
  const reserve = Math.max(2_000, remaining() * 0.2) + requestTimeoutMs;
  return () => remaining() <= reserve;
}

export function createIngestionHandler(
  deps: IngestionHandlerDeps,
): (event?: unknown, context?: InvocationContext) => Promise<IngestionSummary> {
  const { settings } = deps;
  const logger = deps.logger ?? jsonConsoleLogger;
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? defaultSleep;
  const apiKey = createApiKeyProvider(settings.apiKey, deps.readSecret);
  return async (event, context) => {
    const started = Date.now();
    const outOfTime = timeBudget(context, settings.timeoutMs);
    const symbols = symbolsForEvent(event, settings.symbols);
    const key = await apiKey();
    // One bucket per invocation: every request of this run shares the plan's rate.
    const limiter =
      settings.requestsPerSecond === undefined
        ? undefined
        : createRateLimiter({ requestsPerSecond: settings.requestsPerSecond, sleep });
    // Quotes not started before the deadline are reported, so that what was fetched still
    // reaches the stream instead of the whole run dying at the timeout (`plan` sizes the slices).
    const fetched = await mapWithConcurrency(symbols, settings.concurrency, async (symbol) =>
      outOfTime()
        ? { ok: false as const, reason: "not fetched: the invocation ran out of time", attempts: 0 }
        : fetchQuote(symbol, { ...settings, apiKey: key, fetch: deps.fetch, sleep, limiter }),
    );
    const { entries, failures } = toEntries(symbols, fetched, now);
    logQuoteOutcomes(logger, symbols, fetched);
    const forbidden = failures.find((f) => f.reason.startsWith("HTTP 403"));
    if (forbidden) {
      logger.error(
        "Bavest answered HTTP 403: the API key is invalid, or BAVEST_API_URL's path does not exist. Update BAVEST_API_KEY (or its secret) or BAVEST_API_URL.",
        { reason: forbidden.reason },
      );
    }
    const put = await putRecordsWithRetry(deps.kinesis, settings.streamName, entries, {
      maxAttempts: settings.putMaxAttempts,
      backoff: settings.backoff,
      sleep,
    });
    for (const { entry, errorCode, errorMessage } of put.failed) {
      failures.push({ symbol: entry.PartitionKey, reason: `Kinesis ${errorCode}: ${errorMessage}` });
    }
    const summary: IngestionSummary = {
      symbols: symbols.length,
      written: put.acknowledged.length,
      failures,
      putCalls: put.calls,
      durationMs: Date.now() - started,
    };
    logger.info("Ingestion finished", { ...summary, failed: failures.length });
    if (put.failed.length > 0) {
      const message = `${put.failed.length} of ${entries.length} quotes could not be written to Kinesis stream "${settings.streamName}"`;
      logger.error(message, {
        failures: put.failed.map((f) => ({ symbol: f.entry.PartitionKey, errorCode: f.errorCode })),
      });
      throw new IngestionWriteError(message, summary);
    }
    return summary;
  };
}
