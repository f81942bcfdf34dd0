import type { Writable } from "node:stream";

/**
 * Where a command's words go. Results go to stdout, everything else (progress, warnings,
 * errors, prompts) to stderr, so `--json` leaves exactly one JSON document on stdout.
 */
export interface Output {
  readonly json: boolean;
  readonly verbose: boolean;
  /** Colour and spinners are allowed (a TTY, no NO_COLOR, not CI, no --no-color). */
  readonly fancy: boolean;
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
  return {
    json,
    verbose,
    fancy,
    stdout,
    stderr,
    result(data, render) {
      stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : ensureNewline(render()));
    },
    info: (line) => stderr.write(ensureNewline(line)),
    warn: (line) => stderr.write(ensureNewline(`warning: ${line}`)),
    debug: (line) => {
      if (verbose) stderr.write(ensureNewline(line));
    },
  };
}

function ensureNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}
