import { InterruptedError } from "../lib/errors.js";

/** Where Ctrl-C comes from: the process, or a fake emitter in tests. */
export interface SignalSource {
  on(signal: "SIGINT" | "SIGTERM", listener: () => void): unknown;
  off(signal: "SIGINT" | "SIGTERM", listener: () => void): unknown;
}

export interface InterruptGuard {
  /** Aborted on the first Ctrl-C: the engine cancels gracefully. */
  readonly signal: AbortSignal;
  /** Rejects with InterruptedError on the second Ctrl-C: stop waiting right away. */
  readonly forced: Promise<never>;
  /** True once the first Ctrl-C arrived. */
  readonly cancelled: boolean;
  dispose(): void;
}

/**
 * First Ctrl-C asks the engine to cancel gracefully (in-flight resource operations finish
 * and the state stays consistent); a second one stops waiting. Race the operation against
 * `forced`.
 */
export function guardInterrupts(
  source: SignalSource,
  onFirst: () => void,
  stackName: string,
): InterruptGuard {
  const controller = new AbortController();
  let count = 0;
  let rejectForced: (error: Error) => void = () => {};
  const forced = new Promise<never>((_, reject) => {
    rejectForced = reject;
  });
  // Nobody may be awaiting `forced` when it rejects (the operation won the race).
  forced.catch(() => {});
  const listener = () => {
    count += 1;
    if (count === 1) {
      controller.abort();
      onFirst();
      return;
    }
    rejectForced(
      new InterruptedError(
        `Stopped without waiting for the engine. If stack "${stackName}" stays locked, run: bavest-signals unlock --stack ${stackName}`,
      ),
    );
  };
  source.on("SIGINT", listener);
  source.on("SIGTERM", listener);
  return {
    signal: controller.signal,
    forced,
    get cancelled() {
      return count > 0;
    },
    dispose() {
      source.off("SIGINT", listener);
      source.off("SIGTERM", listener);
    },
  };
}
