import { normalizeSymbol } from "./symbol.js";

/** One observation of one security as it travels through Kinesis (docs/contracts.md section 1). */
export interface Envelope {
  schemaVersion: 1;
  symbol: string;
  fetchedAt: string;
  source: string;
  quote: Record<string, unknown>;
}

export type EnvelopeResult = { ok: true; envelope: Envelope } | { ok: false; reason: string };

export interface ParseEnvelopeOptions {
  /** Fixture files: `source` defaults to "fixture" (elsewhere "unknown"). */
  fixture?: boolean;
  /** The processing (or sending) time an observation may be at most 24 h ahead of; default now. */
  now?: Date;
  /** The record's Kinesis partition key: the symbol of a legacy record whose quote has none. */
  partitionKey?: string;
}

/**
 * Deeper JSON is poison. A Bavest quote nests 3 levels; the limit keeps every later
 * JSON.stringify of the value (encoding, dead letter, quarantine) far from the stack's end,
 * which a 5,000-level record reached.
 */
export const MAX_NESTING = 64;

/** docs/contracts.md section 1: an observation more than this far ahead of processing time is poison. */
export const MAX_AHEAD_MS = 24 * 60 * 60 * 1000;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A short quote of an untrusted value for a reason; never throws, whatever its size or depth. */
function describe(value: unknown): string {
  let text: string;
  try {
    const shortened = typeof value === "string" && value.length > 40 ? value.slice(0, 40) : value;
    text = JSON.stringify(shortened) ?? String(value);
  } catch {
    text = Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : typeof value;
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** True when `value` nests deeper than `limit` arrays or objects; iterative, so any depth is safe. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== "object" || current === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(current)) {
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Why an observation is too far in the future to keep, or null (docs/contracts.md section 1). */
function futureProblem(quote: Record<string, unknown>, fetchedAt: string, now: Date): string | null {
  const limit = now.getTime() + MAX_AHEAD_MS;
  const t = quote.t;
  const quoteMs = typeof t === "number" && Number.isFinite(t) && t > 0 ? t * 1000 : null;
  const observedMs = quoteMs ?? Date.parse(fetchedAt);
  if (observedMs <= limit) return null;
  const what = quoteMs === null ? `fetchedAt ${fetchedAt}` : `quote.t ${describe(t)}`;
  const hint =
    quoteMs === null ? "check the producer's clock" : "quote.t must be Unix seconds, not milliseconds";
  return `${what} is more than 24 hours ahead of the processing time ${now.toISOString()}: ${hint}`;
}

/** Quote time in ms when `quote.t` is a number of Unix seconds > 0, else null. */
function quoteTimeMs(quote: Record<string, unknown>): number | null {
  const t = quote.t;
  if (typeof t !== "number" || !Number.isFinite(t) || t <= 0) return null;
  const ms = Math.round(t * 1000);
  return Number.isNaN(new Date(ms).getTime()) ? null : ms;
}

function parseFetchedAt(value: unknown, quote: Record<string, unknown>): string | { reason: string } {
  if (value === undefined || value === null) {
    const ms = quoteTimeMs(quote);
    if (ms === null) return { reason: "no timestamp: fetchedAt is missing and quote.t is not a number > 0" };
    return new Date(ms).toISOString();
  }
  if (typeof value !== "string" || !ISO_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    return { reason: `fetchedAt ${describe(value)} is not an ISO 8601 time` };
  }
  return new Date(Date.parse(value)).toISOString();
}

/** docs/contracts.md section 1: a missing schemaVersion means 1, in fixture files and on the stream alike. */
function parseSchemaVersion(value: unknown): string | null {
  if (value === 1 || value === undefined) return null;
  return `schemaVersion ${describe(value)} is unknown (expected 1)`;
}

/** The `source` of an envelope mapped from the seed's record shape. */
export const LEGACY_SOURCE_PREFIX = "legacy:";

/**
 * The seed's ingestion (Schlomon/realtime_bavest_signals lambda_functions/ingestion/handler.py)
 * writes `{"data": <quote>, "ingestion_timestamp": datetime.utcnow().isoformat(), "source":
 * "bavest_api", "lambda_request_id"}` with the ISIN as partition key. Such a record is mapped to
 * our envelope so our processing can run behind the seed's ingestion while a team moves over:
 * the symbol from the quote (`symbol`) or the partition key, `fetchedAt` from the timestamp
 * (naive UTC, as Python writes it), `source` "legacy:bavest_api". Anything else is left alone.
 */
function fromLegacy(
  value: Record<string, unknown>,
  partitionKey: string | undefined,
): Record<string, unknown> {
  const legacy =
    value.quote === undefined &&
    value.schemaVersion === undefined &&
    isPlainObject(value.data) &&
    (value.ingestion_timestamp !== undefined || value.source === "bavest_api");
  if (!legacy) return value;
  const quote = value.data as Record<string, unknown>;
  const stamp = value.ingestion_timestamp;
  const naive = typeof stamp === "string" && /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(stamp);
  const source = typeof value.source === "string" && value.source !== "" ? value.source : "unknown";
  return {
    symbol: quote.symbol ?? partitionKey,
    fetchedAt: naive ? `${stamp}Z` : stamp,
    source: `${LEGACY_SOURCE_PREFIX}${source}`,
    quote,
  };
}

/**
 * Validates an already-parsed JSON value as an envelope and normalises it (symbol upper-cased,
 * fetchedAt in canonical ISO form). A missing fetchedAt is taken from `quote.t`.
 */
export function parseEnvelope(value: unknown, options: ParseEnvelopeOptions = {}): EnvelopeResult {
  const fixture = options.fixture === true;
  if (nestsDeeperThan(value, MAX_NESTING)) {
    return { ok: false, reason: `record nests more than ${MAX_NESTING} levels of arrays or objects` };
  }
  if (!isPlainObject(value)) return { ok: false, reason: `record is ${describe(value)}, not a JSON object` };
  return parseObject(fromLegacy(value, options.partitionKey), fixture, options.now ?? new Date());
}

function parseObject(value: Record<string, unknown>, fixture: boolean, now: Date): EnvelopeResult {
  const versionProblem = parseSchemaVersion(value.schemaVersion);
  if (versionProblem) return { ok: false, reason: versionProblem };
  if (value.symbol === undefined) return { ok: false, reason: "symbol is missing" };
  const symbol = normalizeSymbol(value.symbol);
  if (symbol === null) {
    return {
      ok: false,
      reason: `symbol ${describe(value.symbol)} is not 1-24 characters of A-Z 0-9 . - ^ = _`,
    };
  }
  if (!isPlainObject(value.quote))
    return { ok: false, reason: `quote of ${symbol} is missing or not an object` };
  const fetchedAt = parseFetchedAt(value.fetchedAt, value.quote);
  if (typeof fetchedAt !== "string") {
    // A quote.t beyond what a Date holds (seconds sent as milliseconds, and more) is a time too far ahead.
    const t = value.quote.t;
    const ahead =
      typeof t === "number" && Number.isFinite(t) && t > 0 ? futureProblem(value.quote, "", now) : null;
    return { ok: false, reason: ahead ?? fetchedAt.reason };
  }
  const ahead = futureProblem(value.quote, fetchedAt, now);
  if (ahead) return { ok: false, reason: ahead };
  const source =
    typeof value.source === "string" && value.source.length > 0
      ? value.source
      : fixture
        ? "fixture"
        : "unknown";
  return { ok: true, envelope: { schemaVersion: 1, symbol, fetchedAt, source, quote: value.quote } };
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes Kinesis record data (bytes, or base64 text as in a Lambda event): strict UTF-8, JSON, envelope. */
export function decodeRecordData(
  data: Uint8Array | string,
  options: Pick<ParseEnvelopeOptions, "now" | "partitionKey"> = {},
): EnvelopeResult {
  const bytes = typeof data === "string" ? Buffer.from(data, "base64") : data;
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { ok: false, reason: "data is not valid UTF-8" };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `data is not JSON (${(error as Error).message})` };
  }
  return parseEnvelope(value, options);
}

/** The time of the observation: `quote.t` (Unix seconds) when it is a number > 0, else `fetchedAt`. */
export function observedAtOf(envelope: Envelope): Date {
  const ms = quoteTimeMs(envelope.quote);
  return new Date(ms ?? Date.parse(envelope.fetchedAt));
}

/** The bytes put on the stream for one envelope (UTF-8 JSON, fields in contract order). */
export function encodeEnvelope(envelope: Envelope): Uint8Array {
  const { schemaVersion, symbol, fetchedAt, source, quote } = envelope;
  return Buffer.from(JSON.stringify({ schemaVersion, symbol, fetchedAt, source, quote }), "utf8");
}
