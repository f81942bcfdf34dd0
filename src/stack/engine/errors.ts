import { CliError, errorMessage } from "../../lib/errors.js";

export const PULUMI_INSTALL_URL = "https://www.pulumi.com/docs/install/";

/** Matched by name so that this module never has to load the Automation API. */
function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

/** True when spawning the `pulumi` binary failed because it is not on PATH. */
export function isMissingCliError(error: unknown): boolean {
  return /spawn pulumi ENOENT|pulumi: (command )?not found/i.test(errorMessage(error));
}

export function missingCliError(cause?: unknown, localAlternative = false): CliError {
  const install = `Install it: ${PULUMI_INSTALL_URL} then run: bavest-signals doctor`;
  return new CliError("The Pulumi CLI is not installed.", {
    hint: localAlternative
      ? `${install}\nFor the local pipeline that \`bavest-signals dev\` runs, add --local instead.`
      : install,
    cause,
  });
}

export function stackLockedError(stackName: string, cause?: unknown): CliError {
  return new CliError(`Stack "${stackName}" is locked by another update (or by one that was interrupted).`, {
    hint: `If no other update is running, release the lock: bavest-signals unlock --stack ${stackName}`,
    cause,
  });
}

export function stackNotFoundError(stackName: string, cause?: unknown): CliError {
  return new CliError(`Stack "${stackName}" does not exist.`, {
    hint: `Run: bavest-signals configure --stack ${stackName}`,
    cause,
  });
}

/** The last lines of the engine's stderr: the part that says what went wrong. */
function engineDetail(error: unknown): string {
  const lines = errorMessage(error)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.trim() !== "");
  const stderrStart = lines.findIndex((line) => /^\s*stderr:/.test(line));
  const relevant = stderrStart >= 0 ? lines.slice(stderrStart) : lines;
  return relevant
    .slice(-8)
    .map((line) => line.replace(/^stderr:\s*/, ""))
    .filter((line) => line !== "")
    .join("\n");
}

/**
 * Turns what the Automation API throws into a sentence with the next command to run:
 * a missing CLI, a locked stack, a missing stack; anything else keeps the engine's words.
 */
export function mapEngineError(error: unknown, stackName: string, action = "The operation"): CliError {
  if (error instanceof CliError) return error;
  if (isMissingCliError(error)) return missingCliError(error);
  const name = errorName(error);
  if (name === "ConcurrentUpdateError") return stackLockedError(stackName, error);
  if (name === "StackNotFoundError") return stackNotFoundError(stackName, error);
  if (/passphrase/i.test(errorMessage(error))) {
    return new CliError(`The secrets passphrase for stack "${stackName}" is missing or wrong.`, {
      hint: "Set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) to the passphrase the stack was created with.",
      cause: error,
    });
  }
  return new CliError(`${action} on stack "${stackName}" failed:\n${engineDetail(error)}`, {
    hint: "Run again with --verbose for the engine's full output.",
    cause: error,
  });
}
