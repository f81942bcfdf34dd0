/** Where stop signals come from: `process` in the CLI, an EventEmitter in tests. */
export interface SignalSource {
  on(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

/** Ctrl-C and `kill`: what every long-running command stops on. */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM"];

/** Ctrl-C, `kill`, and a closed terminal: for what must not outlive its terminal. */
export const STOP_SIGNALS_AND_HANGUP: readonly NodeJS.Signals[] = [...STOP_SIGNALS, "SIGHUP"];

export interface StopSignal {
  /** Aborted on the first request: stop in order. */
  readonly signal: AbortSignal;
  /** Resolves with what asked first (a signal name, or the reason given to `request`). */
  readonly requested: Promise<string>;
  /** Resolves with the second request: stop now, without waiting for what is in flight. */
  readonly forced: Promise<string>;
  /** How many requests arrived so far. */
  readonly count: number;
  /** Counts a request that is not a signal (the parent process went away, a test). */
  request(reason: string): void;
  /** Detaches the listeners: the default signal behaviour comes back. */
  dispose(): void;
}

export interface StopSignalOptions {
  /** `process` when left out. */
  source?: SignalSource;
  /** STOP_SIGNALS when left out. */
  signals?: readonly NodeJS.Signals[];
  /** Called on every request, after `signal`/`requested`/`forced` are settled for it. */
  onRequest?: (count: number, reason: string) => void;
}

/**
 * The one stop-signal primitive: the first SIGINT/SIGTERM asks to stop (the AbortSignal fires),
 * the second forces (`forced` resolves); what follows is the caller's (`onRequest`). Listeners
 * stay attached until `dispose`, so a second Ctrl-C reaches the caller instead of killing the
 * process halfway through its cleanup.
 */
export function createStopSignal(options: StopSignalOptions = {}): StopSignal {
  const source = options.source ?? process;
  const signals = options.signals ?? STOP_SIGNALS;
  const controller = new AbortController();
  const resolvers: Array<(reason: string) => void> = [];
  const requested = new Promise<string>((resolve) => resolvers.push(resolve));
  const forced = new Promise<string>((resolve) => resolvers.push(resolve));
  let count = 0;
  const request = (reason: string) => {
    count += 1;
    if (count === 1) controller.abort();
    resolvers[count - 1]?.(reason);
    options.onRequest?.(count, reason);
  };
  const listener = (signal: NodeJS.Signals) => request(signal);
  for (const name of signals) source.on(name, listener);
  return {
    signal: controller.signal,
    requested,
    forced,
    get count() {
      return count;
    },
    request,
    dispose() {
      for (const name of signals) source.off(name, listener);
    },
  };
}
