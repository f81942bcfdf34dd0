import { normalizeSymbol } from "./symbol.js";

/** One observation of one security as it travels through Kinesis (CONTRACTS section 1). */
export interface Envelope {
  schemaVersion: 1;
  symbol: string;
  fetchedAt: string;
  source: string;
  quote: Record<string, unknown>;
}

export type EnvelopeResult = { ok: true; envelope: Envelope } | { ok: false; reason: string };

export interface ParseEnvelopeOptions {
  /** Fixture files may leave out `schemaVersion` (means 1); `source` then defaults to "fixture". */
  fixture?: boolean;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
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

function parseSchemaVersion(value: unknown, fixture: boolean): string | null {
  if (value === 1) return null;
  if (value === undefined && fixture) return null;
  if (value === undefined) return "schemaVersion is missing (expected 1)";
  return `schemaVersion ${describe(value)} is unknown (expected 1)`;
}

/**
 * Validates an already-parsed JSON value as an envelope and normalises it (symbol upper-cased,
 * fetchedAt in canonical ISO form). A missing fetchedAt is taken from `quote.t`.
 */
export function parseEnvelope(value: unknown, options: ParseEnvelopeOptions = {}): EnvelopeResult {
  const fixture = options.fixture === true;
  if (!isPlainObject(value)) return { ok: false, reason: `record is ${describe(value)}, not a JSON object` };
  const versionProblem = parseSchemaVersion(value.schemaVersion, fixture);
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
  if (typeof fetchedAt !== "string") return { ok: false, reason: fetchedAt.reason };
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
export function decodeRecordData(data: Uint8Array | string): EnvelopeResult {
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
  return parseEnvelope(value);
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
