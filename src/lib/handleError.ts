import { CliError, ExitCode, type ExitCodeValue, errorMessage } from "./errors.js";
import { rewriteInvocation } from "./invocation.js";
import { carriesLineDocuments, type Output, resultCount } from "./output.js";

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
 * The document `--json` puts on stdout when a command fails before printing its result, so
 * that a script always has one JSON document to read (documented in README, "Exit codes").
 */
export interface ErrorDocument {
  error: { message: string; hint: string | null; exitCode: ExitCodeValue };
}

type ErrorOutput = Pick<Output, "info" | "verbose"> & Partial<Pick<Output, "json" | "stdout" | "invokedAs">>;

/**
 * The one place errors become words and exit codes: known errors print their message and
 * hint, commander's parse errors are usage errors, anything else is "Unexpected error"
 * with the stack only under --verbose. Under --json, when the command has not printed its
 * result yet, the error also goes to stdout as an ErrorDocument.
 */
export function handleError(error: unknown, output: ErrorOutput, resultsBefore = 0): ExitCodeValue {
  const failure = classify(error, output);
  if (failure.document && output.json && output.stdout && resultCount(output.stdout) <= resultsBefore) {
    const { message, hint, exitCode } = failure.document.error;
    const words = (text: string) => rewriteInvocation(text, output.invokedAs);
    const document: ErrorDocument = {
      error: { message: words(message), hint: hint === null ? null : words(hint), exitCode },
    };
    const oneLine = carriesLineDocuments(output.stdout);
    output.stdout.write(`${oneLine ? JSON.stringify(document) : JSON.stringify(document, null, 2)}\n`);
  }
  return failure.exitCode;
}

/**
 * A message built as "what happened: ${cause}." ends with two full stops when the cause is a
 * sentence already ("Connection is closed."): one is enough. An ellipsis ("...") is kept.
 */
export function tidySentences(text: string): string {
  return text.replace(/(?<!\.)\.\.(?=\s|$)/g, ".");
}

function classify(
  error: unknown,
  output: Pick<Output, "info" | "verbose">,
): { exitCode: ExitCodeValue; document?: ErrorDocument } {
  if (error instanceof CliError) {
    const message = tidySentences(error.message);
    output.info(`Error: ${message}`);
    if (error.hint) output.info(error.hint);
    if (output.verbose && error.cause instanceof Error && error.cause.stack) output.info(error.cause.stack);
    return { exitCode: error.exitCode, document: documentOf(message, error.hint, error.exitCode) };
  }
  if (isCommanderError(error)) {
    // commander has already printed its own message (help, version or a parse error).
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") {
      return { exitCode: ExitCode.ok };
    }
    if (error.exitCode === 0) return { exitCode: ExitCode.ok };
    const message = error.message.replace(/^error: /, "");
    const hint = (error as { usageHint?: string }).usageHint ?? "Run with --help for usage.";
    return { exitCode: ExitCode.usage, document: documentOf(message, hint, 2) };
  }
  const message = tidySentences(errorMessage(error));
  output.info(`Unexpected error: ${message}`);
  if (output.verbose && error instanceof Error && error.stack) {
    output.info(error.stack);
  } else {
    output.info("Run again with --verbose to see the stack trace.");
  }
  return {
    exitCode: ExitCode.failure,
    document: documentOf(
      `Unexpected error: ${message}`,
      "Run again with --verbose to see the stack trace.",
      1,
    ),
  };
}

function documentOf(message: string, hint: string | undefined, exitCode: ExitCodeValue): ErrorDocument {
  return { error: { message, hint: hint ?? null, exitCode } };
}
