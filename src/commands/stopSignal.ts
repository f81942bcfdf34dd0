import { ExitCode } from "../lib/errors.js";
import { createStopSignal, type StopSignal, type StopSignalOptions } from "../lib/stopSignal.js";

/** How the command layer ends the process at once: `process.exit`, replaced in tests. */
export type ForceExit = (code: number) => void;

/** The command layer's own way to end the process: library code never calls `process.exit`. */
export const exitProcess: ForceExit = (code) => process.exit(code);

/**
 * A command's stop signal: the first Ctrl-C (or SIGTERM) stops in order through `signal`; a
 * second one ends the process at once with exit code 130, as Ctrl-C does without a handler.
 */
export function commandStopSignal(
  options: Omit<StopSignalOptions, "onRequest"> & { exit?: ForceExit } = {},
): StopSignal {
  const exit = options.exit ?? exitProcess;
  return createStopSignal({ ...options, onRequest: (count) => count >= 2 && exit(ExitCode.interrupted) });
}
