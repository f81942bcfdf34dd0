import type { Output } from "../lib/output.js";
import { renderStatus } from "./render.js";
import type { StatusSession } from "./run.js";

/** An AbortSignal that fires on Ctrl-C or SIGTERM; `dispose` removes the handlers. */
export function stopOnSignals(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return {
    signal: controller.signal,
    dispose() {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    },
  };
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

const CLEAR_SCREEN = "\x1b[H\x1b[2J";

/**
 * Checks every `everyMs` until `signal` aborts. On a terminal the screen is redrawn in place;
 * otherwise each check is appended (one JSON document a line under --json).
 */
export async function watchStatus(
  session: StatusSession,
  output: Output,
  everyMs: number,
  signal: AbortSignal,
): Promise<void> {
  const tty = (output.stdout as { isTTY?: boolean }).isTTY === true && !output.json;
  while (!signal.aborted) {
    const report = await session.check().catch((error: unknown) => {
      output.warn(`status check failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
    if (report && !signal.aborted) {
      if (output.json) output.stdout.write(`${JSON.stringify(report)}\n`);
      else if (tty)
        output.stdout.write(
          `${CLEAR_SCREEN}${renderStatus(report, output.fancy)}\n\nRefreshing every ${Math.round(everyMs / 1000)} s; Ctrl-C to stop.\n`,
        );
      else output.stdout.write(`${renderStatus(report, output.fancy)}\n\n`);
    }
    await pause(everyMs, signal);
  }
}
