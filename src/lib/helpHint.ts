import type { Command, CommanderError } from "commander";
import { CLI_NAME, rewriteInvocation } from "./invocation.js";

/** A commander parse error that knows which command's help to point at. */
export type UsageHintedError = CommanderError & { usageHint?: string };

/** `bavest-signals replay --help`: the literal form, rewritten where it is printed. */
function helpCommand(path: readonly string[]): string {
  return [CLI_NAME, ...path, "--help"].join(" ");
}

/** `run bavest-signals replay --help for usage`, in the form the CLI was started with. */
export function helpHint(path: readonly string[], invokedAs?: string): string {
  return `run ${rewriteInvocation(helpCommand(path), invokedAs)} for usage`;
}

/**
 * Makes a subcommand's parse errors name it: the line commander prints after the error, and
 * the hint of the `--json` error document (handleError reads `usageHint`).
 */
export function withCommandHelpHint(command: Command, invokedAs?: string): Command {
  const path = [command.name()];
  return command.showHelpAfterError(`(${helpHint(path, invokedAs)})`).exitOverride((error) => {
    throw Object.assign(error, { usageHint: `Run: ${helpCommand(path)}` });
  });
}
