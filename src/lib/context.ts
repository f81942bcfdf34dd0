import type { Command } from "commander";
import { createOutput, type Output } from "./output.js";

/** The global options every command accepts (declared once in src/cli.ts). */
export interface GlobalOptions {
  stack: string;
  local: boolean;
  json: boolean;
  yes: boolean;
  verbose: boolean;
  color: boolean;
}

/** What a command's action needs from the outside world, built once per invocation. */
export interface CommandContext {
  options: GlobalOptions;
  output: Output;
  env: NodeJS.ProcessEnv;
}

export const DEFAULT_STACK = "dev";

export function globalOptionsOf(command: Command, env: NodeJS.ProcessEnv = process.env): GlobalOptions {
  const all = command.optsWithGlobals() as Partial<GlobalOptions>;
  return {
    stack: all.stack ?? env.BAVEST_SIGNALS_STACK ?? DEFAULT_STACK,
    local: all.local === true,
    json: all.json === true,
    yes: all.yes === true,
    verbose: all.verbose === true,
    color: all.color !== false,
  };
}

/** Test seam: the streams and environment a context is built from. */
export interface ContextIo {
  stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  stderr?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  env?: NodeJS.ProcessEnv;
  /** How the CLI was started (bin/ works it out): hints are printed in that form. */
  invokedAs?: string;
}

export function contextFor(command: Command, io: ContextIo = {}): CommandContext {
  const env = io.env ?? process.env;
  const options = globalOptionsOf(command, env);
  const output = createOutput({
    json: options.json,
    verbose: options.verbose,
    color: options.color,
    stdout: io.stdout as never,
    stderr: io.stderr as never,
    env,
    invokedAs: io.invokedAs,
  });
  return { options, output, env };
}
