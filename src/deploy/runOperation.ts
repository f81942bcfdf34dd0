import { CliError, InterruptedError } from "../lib/errors.js";
import type { Output } from "../lib/output.js";
import { mapEngineError } from "../stack/engine/errors.js";
import type { EngineEvent, OperationOptions } from "../stack/engine/types.js";
import { guardInterrupts, type SignalSource } from "./interrupt.js";
import { type ProgressRenderer, startProgressRenderer } from "./progressRenderer.js";
import type { ProgressItem } from "./progressTracker.js";
import { shortType } from "./resourceNames.js";

export interface OperationDeps {
  output: Output;
  signals: SignalSource;
  /** Test seam: defaults to the spinner / plain / NDJSON renderer for `output`. */
  startRenderer?: (output: Output, title: string) => Promise<ProgressRenderer>;
}

export interface OperationRequest<T> {
  stackName: string;
  /** "Deploying", "Destroying", "Refreshing": starts the progress title and the messages. */
  verb: string;
  /** The command that retries it, for the failure hint. */
  retry: string;
  start: (options: OperationOptions) => Promise<T>;
}

const CANCEL_NOTE =
  "Cancelling gracefully: in-flight operations finish first. Press Ctrl-C again to stop now.";

/**
 * Runs one engine operation with live progress and safe interruption, and turns its
 * failure into one message naming the resources that failed and why.
 */
export async function runOperation<T>(deps: OperationDeps, request: OperationRequest<T>): Promise<T> {
  const start = deps.startRenderer ?? startProgressRenderer;
  const renderer = await start(deps.output, `${request.verb} stack "${request.stackName}"`);
  const guard = guardInterrupts(deps.signals, () => renderer.note(CANCEL_NOTE), request.stackName);
  try {
    const result = await Promise.race([
      request.start({ onEvent: (event) => renderer.onEvent(event), signal: guard.signal }),
      guard.forced,
    ]);
    if (guard.cancelled) throw cancelled(request);
    return result;
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    if (guard.cancelled) throw cancelled(request);
    const failures = renderer.tracker.failed;
    if (failures.length > 0) throw resourcesFailed(request, failures, error);
    throw mapEngineError(error, request.stackName, request.verb);
  } finally {
    renderer.stop();
    guard.dispose();
  }
}

function cancelled(request: OperationRequest<unknown>): InterruptedError {
  return new InterruptedError(
    `${request.verb} stack "${request.stackName}" was cancelled; resources already changed stay as they are. Run again: ${request.retry}`,
  );
}

function resourcesFailed(
  request: OperationRequest<unknown>,
  failures: ProgressItem[],
  cause: unknown,
): CliError {
  const lines = failures.map((item) =>
    item.type === "resource"
      ? `  ${item.name} (${shortType(item.resourceType)}): ${item.error ?? "no error message from the engine"}`
      : "",
  );
  return new CliError(
    `${request.verb} stack "${request.stackName}" failed: ${failures.length} resource(s) failed.\n${lines.join("\n")}`,
    {
      hint: `Fix the cause above, then run: ${request.retry}`,
      cause,
    },
  );
}

/**
 * A renderer start that also keeps every event in `events`: previews are silent apart from
 * errors, and their events feed a summary (changes, drift) once they end. `title` replaces the
 * operation's own (deploy's preview says only "Previewing").
 */
export function collectingRenderer(
  events: EngineEvent[],
  startRenderer?: OperationDeps["startRenderer"],
  title?: string,
): NonNullable<OperationDeps["startRenderer"]> {
  return async (output, operationTitle) => {
    const start = startRenderer ?? startProgressRenderer;
    const inner = await start(output, title ?? operationTitle);
    return {
      tracker: inner.tracker,
      onEvent: (event) => {
        events.push(event);
        inner.tracker.apply(event);
      },
      note: (line) => inner.note(line),
      stop: () => inner.stop(),
    };
  };
}
