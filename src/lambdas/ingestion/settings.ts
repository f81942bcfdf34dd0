import { normalizeSymbol } from "../../core/symbol.js";

/** Where the Bavest API key comes from: the value itself, or a Secrets Manager secret. */
export type ApiKeySource = { apiKey: string } | { secretArn: string };

export interface IngestionSettings {
  streamName: string;
  /** Base URL of the Bavest API, e.g. https://api.bavest.co/v0 (a trailing slash is fine). */
  apiUrl: string;
  symbols: string[];
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

/** Parses the comma-separated watchlist; an invalid entry is named in the error. */
export function parseSymbols(raw: string): string[] {
  const symbols = new Set<string>();
  for (const part of raw.split(",")) {
    if (part.trim() === "") continue;
    const symbol = normalizeSymbol(part);
    if (symbol === null)
      throw new Error(
        `SYMBOLS contains "${part.trim()}", which is not 1-24 characters of A-Z 0-9 . - ^ = _.`,
      );
    symbols.add(symbol);
  }
  if (symbols.size === 0)
    throw new Error("Environment variable SYMBOLS lists no symbols (expected e.g. AAPL,MSFT).");
  return [...symbols];
}

/** Where the API key comes from: BAVEST_API_KEY wins over BAVEST_API_KEY_SECRET_ARN. */
export function readApiKeySource(env: Env): ApiKeySource {
  const apiKey = env.BAVEST_API_KEY?.trim();
  if (apiKey) return { apiKey };
  const secretArn = env.BAVEST_API_KEY_SECRET_ARN?.trim();
  if (secretArn) return { secretArn };
  throw new Error(
    "Set BAVEST_API_KEY or BAVEST_API_KEY_SECRET_ARN (the Secrets Manager secret holding the Bavest API key).",
  );
}

/** Reads and validates the ingestion environment at cold start; errors name the variable. */
export function readIngestionSettings(env: Env): IngestionSettings {
  const apiUrl = required(env, "BAVEST_API_URL", "the Bavest API base URL, e.g. https://api.bavest.co/v0");
  if (!/^https?:\/\//.test(apiUrl))
    throw new Error(`Environment variable BAVEST_API_URL="${apiUrl}" is not an http(s) URL.`);
  return {
    streamName: required(env, "KINESIS_STREAM_NAME", "the Kinesis stream to write quotes to"),
    apiUrl,
    symbols: parseSymbols(required(env, "SYMBOLS", "the comma-separated watchlist, e.g. AAPL,MSFT")),
    concurrency: positiveInt(env, "BAVEST_CONCURRENCY", 8),
    timeoutMs: positiveInt(env, "BAVEST_TIMEOUT_MS", 5_000),
    maxAttempts: positiveInt(env, "BAVEST_MAX_ATTEMPTS", 4),
    backoff: { baseMs: 200, capMs: 5_000 },
    maxRetryAfterMs: 10_000,
    putMaxAttempts: positiveInt(env, "KINESIS_PUT_MAX_ATTEMPTS", 5),
  };
}
