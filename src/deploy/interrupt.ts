import { InterruptedError } from "../lib/errors.js";
import { createStopSignal, type SignalSource } from "../lib/stopSignal.js";

export type { SignalSource } from "../lib/stopSignal.js";

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
  const stop = createStopSignal({ source, onRequest: (count) => count === 1 && onFirst() });
  const forced = stop.forced.then((): never => {
    throw new InterruptedError(
      `Stopped without waiting for the engine. If stack "${stackName}" stays locked, run: bavest-signals unlock --stack ${stackName}`,
    );
  });
  // Nobody may be awaiting `forced` when it rejects (the operation won the race).
  forced.catch(() => {});
  return {
    signal: stop.signal,
    forced,
    get cancelled() {
      return stop.count > 0;
    },
    dispose: () => stop.dispose(),
  };
}
