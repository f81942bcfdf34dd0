/** Hard limit from the first signal to the process exiting, whatever is still running. */
export const SHUTDOWN_DEADLINE_MS = 4_500;

export interface ShutdownWatch {
  /** Resolves with the signal that asked the process to stop. */
  requested: Promise<NodeJS.Signals>;
  dispose(): void;
}

/**
 * Waits for SIGINT or SIGTERM. From the first signal a timer guarantees the exit within the
 * deadline, and a second signal exits at once after `emergency()` (which must be synchronous:
 * it kills child processes by PID so nothing is left behind).
 */
export function watchForShutdown(emergency: () => void, exitCode: number): ShutdownWatch {
  let resolveRequested: (signal: NodeJS.Signals) => void = () => {};
  const requested = new Promise<NodeJS.Signals>((resolve) => {
    resolveRequested = resolve;
  });
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      emergency();
      process.exit(exitCode);
    }
    signalled = true;
    setTimeout(() => {
      emergency();
      process.exit(exitCode);
    }, SHUTDOWN_DEADLINE_MS).unref();
    resolveRequested(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // A crash must not leave redis-server behind either.
  process.on("exit", emergency);
  return {
    requested,
    dispose() {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      process.off("exit", emergency);
    },
  };
}
