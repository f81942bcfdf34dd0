import type { Writable } from "node:stream";
import { rewriteInvocation } from "./invocation.js";

/**
 * Where a command's words go. Results go to stdout, everything else (progress, warnings,
 * errors, prompts) to stderr, so `--json` leaves exactly one JSON document on stdout.
 */
export interface Output {
  readonly json: boolean;
  readonly verbose: boolean;
  /** Colour and spinners are allowed (a TTY, no NO_COLOR, not CI, no --no-color). */
  readonly fancy: boolean;
  /** How the CLI was started; hints in text are rewritten to it. */
  readonly invokedAs?: string;
  /** The command's result: JSON under --json, else the rendered text. */
  result(data: unknown, render: () => string): void;
  /** A line of progress or information, on stderr. */
  info(line: string): void;
  warn(line: string): void;
  debug(line: string): void;
  readonly stdout: Writable;
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
  const fancy = isFancy({ color: options.color, isTTY: stderr.isTTY, env });
  // Text for people names commands the way they started this one; JSON stays as data.
  const words = (text: string) => rewriteInvocation(text, options.invokedAs);
  return {
    json,
    verbose,
    fancy,
    invokedAs: options.invokedAs,
    stdout,
    stderr,
    result(data, render) {
      resultsWritten.set(stdout, resultCount(stdout) + 1);
      stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : ensureNewline(words(render())));
    },
    info: (line) => stderr.write(ensureNewline(words(line))),
    warn: (line) => stderr.write(ensureNewline(words(`warning: ${line}`))),
    debug: (line) => {
      if (verbose) stderr.write(ensureNewline(words(line)));
    },
  };
}

function ensureNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}
