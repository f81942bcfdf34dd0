/** What signal listeners attach to: `process` in the CLI, an EventEmitter in tests. */
export interface SignalSource {
  on(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

/** Ctrl-C, `kill`, and a closed terminal all mean: tear the tunnel down. */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

export interface SignalWatch {
  /** Resolves with the first stop signal received. */
  received: Promise<NodeJS.Signals>;
  /** Detaches the listeners (the default signal behaviour comes back). */
  dispose(): void;
}

/**
 * Listens for stop signals while a tunnel exists. A second signal during cleanup calls
 * `onRepeat`, so an impatient second Ctrl-C still ends the process.
 */
export function watchSignals(source: SignalSource, onRepeat: (signal: NodeJS.Signals) => void): SignalWatch {
  let first: NodeJS.Signals | undefined;
  let resolveReceived: (signal: NodeJS.Signals) => void = () => {};
  const received = new Promise<NodeJS.Signals>((resolve) => {
    resolveReceived = resolve;
  });
  const listener = (signal: NodeJS.Signals) => {
    if (first === undefined) {
      first = signal;
      resolveReceived(signal);
    } else {
      onRepeat(signal);
    }
  };
  for (const signal of STOP_SIGNALS) source.on(signal, listener);
  return {
    received,
    dispose: () => {
      for (const signal of STOP_SIGNALS) source.off(signal, listener);
    },
  };
}
