import type { Writable } from "node:stream";
import { stripVTControlCharacters } from "node:util";
import { rewriteInvocation } from "./invocation.js";

/**
 * Where a command's words go. Results go to stdout, everything else (progress, warnings,
 * errors, prompts) to stderr, so `--json` leaves exactly one JSON document on stdout.
 */
export interface Output {
  readonly json: boolean;
  readonly verbose: boolean;
  /** Colour and spinners are allowed on stderr (a TTY, no NO_COLOR, not CI, no --no-color). */
  readonly fancy: boolean;
  /** Colour is allowed in stdout's text: stdout itself is a TTY (and the same rules). */
  readonly stdoutFancy: boolean;
  /** How the CLI was started; hints in text are rewritten to it. */
  readonly invokedAs?: string;
  /** The command's result: JSON under --json, else the rendered text. */
  result(data: unknown, render: () => string): void;
  /** A line of progress or information, on stderr. */
  info(line: string): void;
  warn(line: string): void;
  debug(line: string): void;
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean; columns?: number };
}

export interface OutputOptions {
  json?: boolean;
  verbose?: boolean;
  color?: boolean;
  stdout?: Writable & { isTTY?: boolean };
  stderr?: Writable & { isTTY?: boolean; columns?: number };
  env?: NodeJS.ProcessEnv;
  /** How the CLI was started (`npx bavest-signals`, ...): hints are rewritten to it. */
  invokedAs?: string;
}

/** How many results each stdout has received, so that an error document is never a second one. */
const resultsWritten = new WeakMap<object, number>();

/** Results written to `stdout` so far by any Output over it. */
export function resultCount(stdout: object): number {
  return resultsWritten.get(stdout) ?? 0;
}

/** Stdouts of commands that print one JSON document a line (`watch --json`). */
const lineDocumentStreams = new WeakSet<object>();

/**
 * Marks `stdout` as carrying one JSON document a line: an error document written to it later
 * is one line too, so a reader parsing line by line still can.
 */
export function markLineDocuments(stdout: object): void {
  lineDocumentStreams.add(stdout);
}

/** Whether `stdout` carries one JSON document a line (see markLineDocuments). */
export function carriesLineDocuments(stdout: object): boolean {
  return lineDocumentStreams.has(stdout);
}

const guardedStreams = new WeakSet<object>();
const closedStreams = new WeakSet<object>();

/**
 * A reader that goes away (`| head -1`, `| true`, a `tee` stopped by the same Ctrl-C) makes
 * the next write fail with EPIPE, which Node raises as an 'error' event: unhandled, it ended
 * the command with a stack trace and exit 1. Output to such a stream ends quietly instead,
 * and the command goes on (dev drains and stops in order) and exits as it would have.
 */
export function endQuietlyOnClosedPipe(stream: NodeJS.WritableStream): void {
  if (guardedStreams.has(stream)) return;
  guardedStreams.add(stream);
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED") {
      closedStreams.add(stream);
      return;
    }
    // Anything else is as unexpected as it was before this listener: let it surface.
    throw error;
  });
}

/**
 * `signal`, aborted too once `stdout`'s reader has gone away (`watch | head -1`, `logs --follow
 * | head`): following on is for no one.
 */
export function untilReaderGone(stdout: NodeJS.WritableStream, signal: AbortSignal): AbortSignal {
  const readerGone = new AbortController();
  stdout.once("close", () => readerGone.abort());
  return AbortSignal.any([signal, readerGone.signal]);
}

/** True once `stream`'s reader has gone away (see endQuietlyOnClosedPipe). */
export function isClosedPipe(stream: object): boolean {
  return closedStreams.has(stream);
}

/** Colour and spinners only on an interactive terminal, never under NO_COLOR or CI. */
export function isFancy(options: { color?: boolean; isTTY?: boolean; env: NodeJS.ProcessEnv }): boolean {
  if (options.color === false) return false;
  if (options.env.NO_COLOR !== undefined && options.env.NO_COLOR !== "") return false;
  if (options.env.CI !== undefined && options.env.CI !== "" && options.env.CI !== "false") return false;
  return options.isTTY === true;
}

export function createOutput(options: OutputOptions = {}): Output {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const env = options.env ?? process.env;
  const json = options.json ?? false;
  const verbose = options.verbose ?? false;
  // Each stream is coloured only when it is a terminal itself: `inspect > out.txt` in a
  // terminal keeps its file plain while the progress on stderr stays coloured.
  const fancy = isFancy({ color: options.color, isTTY: stderr.isTTY, env });
  const stdoutFancy = isFancy({ color: options.color, isTTY: stdout.isTTY, env });
  // Text for people names commands the way they started this one; JSON stays as data.
  const words = (text: string) => rewriteInvocation(text, options.invokedAs);
  const forStdout = (text: string) => (stdoutFancy ? text : stripVTControlCharacters(text));
  const forStderr = (text: string) => (fancy ? text : stripVTControlCharacters(text));
  return {
    json,
    verbose,
    fancy,
    stdoutFancy,
    invokedAs: options.invokedAs,
    stdout,
    stderr,
    result(data, render) {
      resultsWritten.set(stdout, resultCount(stdout) + 1);
      stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : ensureNewline(forStdout(words(render()))));
    },
    info: (line) => stderr.write(ensureNewline(forStderr(words(line)))),
    warn: (line) => stderr.write(ensureNewline(forStderr(words(`warning: ${line}`)))),
    debug: (line) => {
      if (verbose) stderr.write(ensureNewline(forStderr(words(line))));
    },
  };
}

function ensureNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}
