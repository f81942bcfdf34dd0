import { CliError, ExitCode, type ExitCodeValue } from "./errors.js";
import type { Output } from "./output.js";

interface CommanderLikeError {
  code: string;
  exitCode: number;
  message: string;
}

function isCommanderError(error: unknown): error is CommanderLikeError {
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { code?: unknown }).code === "string" &&
    (error as { code: string }).code.startsWith("commander.")
  );
}

/**
 * The one place errors become words and exit codes: known errors print their message and
 * hint, commander's parse errors are usage errors, anything else is "Unexpected error"
 * with the stack only under --verbose.
 */
export function handleError(error: unknown, output: Pick<Output, "info" | "verbose">): ExitCodeValue {
  if (error instanceof CliError) {
    output.info(`Error: ${error.message}`);
    if (error.hint) output.info(error.hint);
    if (output.verbose && error.cause instanceof Error && error.cause.stack) output.info(error.cause.stack);
    return error.exitCode;
  }
  if (isCommanderError(error)) {
    // commander has already printed its own message (help, version or a parse error).
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return ExitCode.ok;
    if (error.exitCode === 0) return ExitCode.ok;
    return ExitCode.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  output.info(`Unexpected error: ${message}`);
  if (output.verbose && error instanceof Error && error.stack) {
    output.info(error.stack);
  } else {
    output.info("Run again with --verbose to see the stack trace.");
  }
  return ExitCode.failure;
}
