import { errorMessage } from "../lib/errors.js";
import { type Output, untilReaderGone } from "../lib/output.js";
import { renderStatus } from "./render.js";
import type { StatusSession } from "./run.js";
import type { StatusReport } from "./types.js";

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

const clock = (iso: string) => iso.slice(11, 19);

const PARTS = ["ingestion", "stream", "processing", "redis", "alarms"] as const;

/** What turned better or worse since the last check: one line per part whose health changed. */
export function describeChanges(previous: StatusReport | undefined, current: StatusReport): string[] {
  if (!previous) return [];
  const lines: string[] = [];
  if (previous.health !== current.health) {
    lines.push(`pipeline: ${previous.health} -> ${current.health}`);
  }
  for (const part of PARTS) {
    const before = previous[part];
    const after = current[part];
    if (before && after && before.health !== after.health) {
      lines.push(`${part}: ${before.health} -> ${after.health} (${after.reason})`);
    }
  }
  return lines;
}

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
  // `status --watch | head`: once stdout's reader is gone, checking on is for no one.
  signal = untilReaderGone(output.stdout, signal);
  let previous: StatusReport | undefined;
  // Why the last check could not read the pipeline (dev stopped), until one can again.
  let gone: string | undefined;
  const changes: string[] = [];
  const note = (changed: string[]) => {
    changes.push(...changed);
    changes.splice(0, Math.max(0, changes.length - 10));
    for (const line of changed) output.info(`changed: ${line}`);
  };
  while (!signal.aborted) {
    const report = await session.check().catch((error: unknown) => {
      output.warn(`status check failed: ${errorMessage(error)}`);
      if (gone === undefined && previous) {
        note([`${clock(new Date().toISOString())}  ${previous.target}: went away (${errorMessage(error)})`]);
      }
      gone = errorMessage(error);
      return undefined;
    });
    if (report && !signal.aborted) {
      const back = gone !== undefined && previous ? [`${report.target}: back (${report.health})`] : [];
      gone = undefined;
      const changed = [...back, ...describeChanges(previous, report)].map(
        (line) => `${clock(report.checkedAt)}  ${line}`,
      );
      previous = report;
      note(changed);
      if (output.json) output.stdout.write(`${JSON.stringify(report)}\n`);
      else if (tty)
        output.stdout.write(
          `${CLEAR_SCREEN}${renderStatus(report, output.stdoutFancy)}\n${changes.length > 0 ? `\nChanges:\n${changes.map((line) => `  ${line}`).join("\n")}\n` : ""}\nRefreshing every ${Math.round(everyMs / 1000)} s; Ctrl-C to stop.\n`,
        );
      else output.stdout.write(`${renderStatus(report, output.stdoutFancy)}\n\n`);
    }
    await pause(everyMs, signal);
  }
}
