import type { Output } from "../lib/output.js";

/** One line of progress: `[########------------]  1500/3000 records  50%`. Pure. */
export function renderProgressBar(done: number, total: number, width = 24): string {
  const ratio = total === 0 ? 1 : Math.min(1, Math.max(0, done / total));
  const filled = Math.round(ratio * width);
  const bar = `${"#".repeat(filled)}${"-".repeat(width - filled)}`;
  const count = `${String(done).padStart(String(total).length)}/${total}`;
  return `[${bar}] ${count} records ${String(Math.floor(ratio * 100)).padStart(3)}%`;
}

/** Draws the bar in place on stderr; only on a TTY, and only for inputs worth watching. */
export interface ProgressBar {
  update(done: number): void;
  finish(): void;
}

/** Below this many records a replay finishes too fast for a bar to be worth drawing. */
export const PROGRESS_BAR_MIN_RECORDS = 1000;

export function startProgressBar(output: Output, total: number): ProgressBar {
  if (!output.fancy || total < PROGRESS_BAR_MIN_RECORDS) {
    return { update: () => {}, finish: () => {} };
  }
  let drawn = false;
  return {
    update(done) {
      output.stderr.write(`\r${renderProgressBar(done, total)}`);
      drawn = true;
    },
    finish() {
      if (drawn) output.stderr.write("\n");
    },
  };
}
