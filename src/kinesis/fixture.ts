import { errorMessage } from "../lib/errors.js";
/**
 * The one fixture parser (replay, invoke, demo and the tests read fixtures through it).
 * Splits an input into records. Three shapes are accepted (docs/contracts.md section 6):
 * a JSON array of envelopes, JSON Lines (one envelope a line) and a Kinesis event
 * (`{"Records": [{"kinesis": {"data": "<base64>"}}]}`). Pure: text in, records out.
 */

export type InputFormat = "json-array" | "json-lines" | "kinesis-event";

/** One record of the input, before envelope validation. */
export interface RawRecord {
  /** 0-based position among the input's records: what `--from` counts. */
  index: number;
  /** Where a person finds it: `index 3`, `line 7` or `Records[3]`. */
  label: string;
  /** The parsed JSON value, when the record parsed. */
  value?: unknown;
  /** Why the record could not even be parsed. */
  problem?: string;
}

export interface SplitInput {
  format: InputFormat;
  records: RawRecord[];
}

/** Whole-input problems (no record can be trusted): truncated JSON, a bad event shape. */
export class InputFormatError extends Error {}

/** Detects the format from the text and splits it into records. */
export function splitRecords(text: string): SplitInput {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("[")) return { format: "json-array", records: splitArray(text) };
  const whole = tryParse(text);
  if (whole.ok && isKinesisEvent(whole.value)) {
    return { format: "kinesis-event", records: splitKinesisEvent(whole.value) };
  }
  if (whole.ok) {
    // A single envelope, possibly pretty-printed over several lines.
    return { format: "json-lines", records: [{ index: 0, label: "line 1", value: whole.value }] };
  }
  return { format: "json-lines", records: splitLines(text) };
}

/** Every value of a fixture, or its first problem: the whole input's, or one record's (with its label). */
export type FixtureValues =
  | { ok: true; format: InputFormat; values: unknown[] }
  | { ok: false; problem: string; label?: string };

/** The values of a fixture that must parse as a whole (invoke, demo): the first problem stops it. */
export function fixtureValues(text: string): FixtureValues {
  let split: SplitInput;
  try {
    split = splitRecords(text);
  } catch (error) {
    if (error instanceof InputFormatError) return { ok: false, problem: error.message };
    throw error;
  }
  const broken = split.records.find((record) => record.problem !== undefined);
  if (broken?.problem !== undefined) return { ok: false, problem: broken.problem, label: broken.label };
  return { ok: true, format: split.format, values: split.records.map((record) => record.value) };
}

function splitArray(text: string): RawRecord[] {
  const parsed = tryParse(text);
  if (!parsed.ok) throw new InputFormatError(`is not valid JSON: ${parsed.reason}`);
  if (!Array.isArray(parsed.value)) throw new InputFormatError("is not a JSON array");
  return parsed.value.map((value, index) => ({ index, label: `index ${index}`, value }));
}

function splitLines(text: string): RawRecord[] {
  const records: RawRecord[] = [];
  const lines = text.split("\n");
  for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
    const line = (lines[lineIndex] ?? "").trim();
    if (line === "") continue;
    const label = `line ${lineIndex + 1}`;
    const parsed = tryParse(line);
    records.push(
      parsed.ok
        ? { index: records.length, label, value: parsed.value }
        : { index: records.length, label, problem: `not valid JSON (${parsed.reason})` },
    );
  }
  return records;
}

function splitKinesisEvent(event: { Records: unknown[] }): RawRecord[] {
  return event.Records.map((entry, index) => {
    const label = `Records[${index}]`;
    const data = (entry as { kinesis?: { data?: unknown } } | null)?.kinesis?.data;
    if (typeof data !== "string") return { index, label, problem: "has no kinesis.data string" };
    const decoded = decodeBase64Json(data);
    return decoded.ok ? { index, label, value: decoded.value } : { index, label, problem: decoded.reason };
  });
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

function decodeBase64Json(data: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  const compact = data.replace(/\s+/g, "");
  if (!BASE64.test(compact)) return { ok: false, reason: "kinesis.data is not base64" };
  let text: string;
  try {
    text = utf8.decode(Buffer.from(compact, "base64"));
  } catch {
    return { ok: false, reason: "kinesis.data is binary, not UTF-8 JSON" };
  }
  const parsed = tryParse(text);
  return parsed.ok ? parsed : { ok: false, reason: `kinesis.data is not valid JSON (${parsed.reason})` };
}

function isKinesisEvent(value: unknown): value is { Records: unknown[] } {
  return isPlainObject(value) && Array.isArray((value as { Records?: unknown }).Records);
}

function isPlainObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: describeJsonError(error, text) };
  }
}

/** Node's messages vary by version; say "truncated" when the parser ran out of text. */
function describeJsonError(error: unknown, text: string): string {
  const message = errorMessage(error);
  const position = /position (\d+)/.exec(message)?.[1];
  const atEnd = position !== undefined && Number(position) >= text.trimEnd().length;
  if (atEnd || /end of (JSON )?input|Unterminated/i.test(message)) return `truncated JSON: ${message}`;
  return message;
}
