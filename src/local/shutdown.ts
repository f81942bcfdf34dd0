import { createStopSignal, STOP_SIGNALS_AND_HANGUP } from "../lib/stopSignal.js";

/** Hard limit from the second signal (demo: the first) to the process exiting, whatever is still running. */
export const SHUTDOWN_DEADLINE_MS = 4_500;

/** How often dev checks that the process that started it (a shell, npx, a supervisor) is still there. */
const PARENT_POLL_MS = 1_000;

/** The exit code when stopping had to be cut short (a third signal, or the deadline). */
export const FORCED_EXIT_CODE = 130;

export interface ShutdownWatch {
  /** Resolves with what asked the process to stop: a signal, or "parent gone". */
  requested: Promise<string>;
  /** Resolves on the second request: stop now, leaving what is in flight for the next start. */
  again: Promise<string>;
  dispose(): void;
}

/**
 * Waits for SIGINT, SIGTERM or the parent process going away (npx does not pass SIGTERM on, so
 * a supervisor stopping npx would otherwise leave dev running). The first request starts an
 * orderly stop; the second asks to hurry and starts a deadline; a third ends the process at once
 * through `exit` (the command layer's) after `emergency()` (synchronous: it signals child
 * processes by PID so nothing is left behind).
 */
export function watchForShutdown(
  emergency: () => void,
  options: { exit: (code: number) => void; forcedExitCode?: number; deadlineFromRequest?: 1 | 2 },
): ShutdownWatch {
  const deadlineFrom = options.deadlineFromRequest ?? 2;
  const forced = () => {
    emergency();
    options.exit(options.forcedExitCode ?? FORCED_EXIT_CODE);
  };
  const stop = createStopSignal({
    signals: STOP_SIGNALS_AND_HANGUP,
    onRequest: (count) => {
      if (count >= 3) forced();
      if (count === deadlineFrom) setTimeout(forced, SHUTDOWN_DEADLINE_MS).unref();
    },
  });
  const parent = process.ppid;
  const parentTimer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(parentTimer);
      stop.request("parent gone");
    }
  }, PARENT_POLL_MS);
  parentTimer.unref();
  // A crash must not leave redis-server behind either.
  process.on("exit", emergency);
  return {
    requested: stop.requested,
    again: stop.forced,
    dispose() {
      clearInterval(parentTimer);
      stop.dispose();
      process.off("exit", emergency);
    },
  };
}
