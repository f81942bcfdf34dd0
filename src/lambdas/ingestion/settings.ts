import {
  BAVEST_API_VERSIONS,
  type BavestApiVersion,
  DEFAULT_API_VERSION,
  DEFAULT_CURRENCY,
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  QUOTE_CURRENCIES,
  type QuoteCurrency,
} from "../../core/ingestionModel.js";
import { INGESTION_ENV } from "../../core/lambdaEnvNames.js";
import { normalizeSymbol } from "../../core/symbol.js";

/** Where the Bavest API key comes from: the value itself, or a Secrets Manager secret. */
export type ApiKeySource = { apiKey: string } | { secretArn: string };

export interface IngestionSettings {
  streamName: string;
  /** Base URL of the Bavest API, e.g. https://api.bavest.co/v0 (a trailing slash is fine). */
  apiUrl: string;
  /** Which Bavest API to speak (BAVEST_API_VERSION); v0 unless set. */
  apiVersion?: BavestApiVersion;
  /** The currency quotes are asked in (BAVEST_CURRENCY); USD unless set. */
  currency?: QuoteCurrency;
  /** The watchlist from SYMBOLS; empty when every invocation gets its slice in the event. */
  symbols: string[];
  /** The invocation's share of the Bavest plan's rate (BAVEST_REQUESTS_PER_SECOND), if limited. */
  requestsPerSecond?: number;
  /** Quote requests in flight at once. */
  concurrency: number;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Attempts per quote request, the first included. */
  maxAttempts: number;
  /** Backoff for quote and PutRecords retries. */
  backoff: { baseMs: number; capMs: number };
  /** The longest `Retry-After` honoured; longer answers wait this long. */
  maxRetryAfterMs: number;
  /** Attempts per Kinesis entry, the first included. */
  putMaxAttempts: number;
}

type Env = Record<string, string | undefined>;

/** BAVEST_TIMEOUT_MS unless set: the stack's `bavestTimeoutSeconds` default. */
export const DEFAULT_TIMEOUT_MS = DEFAULT_REQUEST_TIMEOUT_SECONDS * 1000;

function required(env: Env, name: string, what: string): string {
  const value = env[name]?.trim();
  if (!value) throw new Error(`Environment variable ${name} is not set (${what}).`);
  return value;
}

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`Environment variable ${name}="${raw}" is not a positive integer.`);
  return value;
}

function positiveNumber(env: Env, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`Environment variable ${name}="${raw}" is not a positive number.`);
  return value;
}

/** A value of `allowed` (compared upper- or lower-cased as the list is written), or the fallback. */
function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const found = allowed.find((value) => value.toLowerCase() === raw.toLowerCase());
  if (found === undefined)
    throw new Error(`Environment variable ${name}="${raw}" is not one of ${allowed.join(", ")}.`);
  return found;
}

/** Normalises and de-duplicates symbols; `where` names their source in the error. */
function normalizedList(parts: readonly unknown[], where: string): string[] {
  const symbols = new Set<string>();
  for (const part of parts) {
    if (typeof part === "string" && part.trim() === "") continue;
    const symbol = typeof part === "string" ? normalizeSymbol(part) : null;
    if (symbol === null)
      throw new Error(
        `${where} contains ${JSON.stringify(typeof part === "string" ? part.trim() : part)}, which is not 1-24 characters of A-Z 0-9 . - ^ = _.`,
      );
    symbols.add(symbol);
  }
  return [...symbols];
}

/** Parses the comma-separated watchlist; an invalid entry is named in the error. */
export function parseSymbols(raw: string): string[] {
  const symbols = normalizedList(raw.split(","), INGESTION_ENV.symbols);
  if (symbols.length === 0)
    throw new Error(
      `Environment variable ${INGESTION_ENV.symbols} lists no symbols (expected e.g. AAPL,MSFT).`,
    );
  return symbols;
}

/**
 * The symbols of an invocation: the event's `{"symbols": [...]}` (a schedule target's slice,
 * docs/contracts.md section 5) wins over SYMBOLS. Throws naming the problem when neither has any.
 */
export function symbolsForEvent(event: unknown, fallback: readonly string[]): string[] {
  const given = (event as { symbols?: unknown } | null | undefined)?.symbols;
  if (given !== undefined) {
    if (!Array.isArray(given)) throw new Error('The event\'s "symbols" must be an array of symbols.');
    const symbols = normalizedList(given, 'The event\'s "symbols"');
    if (symbols.length > 0) return symbols;
  }
  if (fallback.length > 0) return [...fallback];
  const name = INGESTION_ENV.symbols;
  throw new Error(
    `No symbols to fetch: the event has no "symbols" list and ${name} is not set (expected {"symbols": ["AAPL"]} or ${name}=AAPL,MSFT).`,
  );
}

/** Where the API key comes from: BAVEST_API_KEY wins over BAVEST_API_KEY_SECRET_ARN. */
export function readApiKeySource(env: Env): ApiKeySource {
  const apiKey = env[INGESTION_ENV.apiKey]?.trim();
  if (apiKey) return { apiKey };
  const secretArn = env[INGESTION_ENV.apiKeySecretArn]?.trim();
  if (secretArn) return { secretArn };
  throw new Error(
    `Set ${INGESTION_ENV.apiKey} or ${INGESTION_ENV.apiKeySecretArn} (the Secrets Manager secret holding the Bavest API key).`,
  );
}

/** Reads and validates the ingestion environment at cold start; errors name the variable. */
export function readIngestionSettings(env: Env): IngestionSettings {
  const apiUrl = required(
    env,
    INGESTION_ENV.apiUrl,
    "the Bavest API base URL, e.g. https://api.bavest.co/v0",
  );
  if (!/^https?:\/\//.test(apiUrl))
    throw new Error(`Environment variable ${INGESTION_ENV.apiUrl}="${apiUrl}" is not an http(s) URL.`);
  return {
    streamName: required(env, INGESTION_ENV.streamName, "the Kinesis stream to write quotes to"),
    apiUrl,
    apiVersion: oneOf(env, INGESTION_ENV.apiVersion, BAVEST_API_VERSIONS, DEFAULT_API_VERSION),
    currency: oneOf(env, INGESTION_ENV.currency, QUOTE_CURRENCIES, DEFAULT_CURRENCY),
    symbols: env[INGESTION_ENV.symbols]?.trim() ? parseSymbols(env[INGESTION_ENV.symbols] as string) : [],
    requestsPerSecond: positiveNumber(env, INGESTION_ENV.requestsPerSecond),
    concurrency: positiveInt(env, INGESTION_ENV.concurrency, 8),
    timeoutMs: positiveInt(env, INGESTION_ENV.timeoutMs, DEFAULT_TIMEOUT_MS),
    maxAttempts: positiveInt(env, INGESTION_ENV.maxAttempts, 4),
    backoff: { baseMs: 200, capMs: 5_000 },
    maxRetryAfterMs: 10_000,
    putMaxAttempts: positiveInt(env, INGESTION_ENV.putMaxAttempts, 5),
  };
}
