import { readFile } from "node:fs/promises";
import { InputFormatError, type RawRecord, splitRecords } from "../kinesis/fixture.js";
import { CliError, UsageError } from "../lib/errors.js";

/** The replay input as text, with the name messages use for it. */
export interface ReplayInput {
  /** The file path, or `stdin` for `-`. */
  name: string;
  text: string;
}

export interface InputDeps {
  readFile?: (path: string) => Promise<Uint8Array>;
  stdin?: AsyncIterable<Uint8Array | string> & { isTTY?: boolean };
}

const FIX_HINT = "Give a JSON array of envelopes, JSON Lines (one envelope a line) or a Kinesis event.";
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a file (or stdin for `-`) and checks it is non-empty UTF-8 text. Binary input and
 * empty input stop here with a message naming the input, before anything is parsed or sent.
 */
export async function readReplayInput(source: string, deps: InputDeps = {}): Promise<ReplayInput> {
  const name = source === "-" ? "stdin" : source;
  const bytes = source === "-" ? await readStream(deps.stdin ?? process.stdin) : await readPath(source, deps);
  return { name, text: decodeText(name, bytes) };
}

async function readPath(path: string, deps: InputDeps): Promise<Uint8Array> {
  try {
    return await (deps.readFile ?? readFile)(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "does not exist" : code === "EISDIR" ? "is a folder" : "cannot be read";
    throw new CliError(`The replay input ${path} ${why}.`, {
      hint: "Pass a fixture file, or - to read from stdin: bavest-signals replay --local <file>",
      cause,
    });
  }
}

async function readStream(
  stream: AsyncIterable<Uint8Array | string> & { isTTY?: boolean },
): Promise<Uint8Array> {
  if (stream.isTTY === true) {
    // Waiting for typed JSON would look like a hang.
    throw new UsageError("replay - reads the records from stdin, but stdin is a terminal.", {
      hint: "Pipe them in: cat quotes.jsonl | bavest-signals replay --local -",
    });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Decodes UTF-8 strictly: a NUL byte or an invalid sequence means the input is binary. */
export function decodeText(name: string, bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  let text: string | undefined;
  if (nul === -1) {
    try {
      text = utf8.decode(bytes);
    } catch {
      text = undefined;
    }
  }
  if (text === undefined) {
    throw new CliError(`The replay input ${name} is binary data, not UTF-8 JSON text.`, { hint: FIX_HINT });
  }
  if (text.trim() === "") {
    throw new CliError(`The replay input ${name} is empty: there is nothing to replay.`, { hint: FIX_HINT });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The records of an input; a whole-input problem (truncated JSON, no records) is a CliError naming it. */
export function splitReplayInput({ name, text }: ReplayInput): RawRecord[] {
  try {
    const { records } = splitRecords(text);
    if (records.length === 0) throw new InputFormatError("contains no records: there is nothing to replay");
    return records;
  } catch (error) {
    if (!(error instanceof InputFormatError)) throw error;
    throw new CliError(`The replay input ${name} ${error.message}.`, {
      hint: "Fix the file (a JSON array of envelopes, JSON Lines or a Kinesis event) and run replay again.",
    });
  }
}
