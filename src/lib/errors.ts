/** Exit codes shared by every command (see docs/contracts.md section 6). */
export const ExitCode = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * The one error type commands throw on purpose: what happened, to what, and the next
 * command to run. Anything else reaching the handler is an unexpected error.
 */
export class CliError extends Error {
  readonly hint: string | undefined;
  readonly exitCode: ExitCodeValue;

  constructor(message: string, options: { hint?: string; exitCode?: ExitCodeValue; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "CliError";
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? ExitCode.failure;
  }
}

/** A bad flag, argument or input value: exit code 2. */
export class UsageError extends CliError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { ...options, exitCode: ExitCode.usage });
    this.name = "UsageError";
  }
}

/** The user pressed Ctrl-C (or the process got SIGINT/SIGTERM): exit code 130. */
export class InterruptedError extends CliError {
  constructor(message = "Interrupted.") {
    super(message, { exitCode: ExitCode.interrupted });
    this.name = "InterruptedError";
  }
}

/** The text of anything thrown: an Error's message, anything else as a string. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** As errorMessage, led by the error's name ("TypeError: ..."), where the kind of failure matters. */
export function errorWithName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
