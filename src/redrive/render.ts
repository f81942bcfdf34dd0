import { CliError } from "../lib/errors.js";
import type { RedriveResult } from "./run.js";

const MAX_LISTED = 10;

/** The human summary of a redrive. Pure. */
export function renderRedrive(result: RedriveResult): string {
  const lines: string[] = [];
  if (result.status === "declined") lines.push("Nothing was sent.");
  else if (result.status === "empty")
    lines.push(`Nothing to redrive: ${result.source} holds no record that can be sent again.`);
  else
    lines.push(
      `Resent ${result.resent} of ${result.records} record(s) from ${result.source} to ${result.target}; removed ${result.removed} ${result.items}, kept ${result.kept}.`,
    );
  if (result.failed > 0)
    lines.push(
      `${result.failed} record(s) were not acknowledged: ${result.error ?? "unknown error"}. They stay where they were.`,
    );
  if (result.unrecoverable.length > 0) {
    lines.push(`Could not be recovered (left in place):`);
    for (const item of result.unrecoverable.slice(0, MAX_LISTED))
      lines.push(`  ${item.label}: ${item.reason}`);
    if (result.unrecoverable.length > MAX_LISTED)
      lines.push(`  ... and ${result.unrecoverable.length - MAX_LISTED} more (--json lists all)`);
  }
  return lines.join("\n");
}

/** Exit 1 when something could have been resent and was not: running it again may help. */
export function redriveFailure(result: RedriveResult, targetFlag: string): CliError | undefined {
  if (result.failed === 0) return undefined;
  return new CliError(`${result.failed} record(s) could not be resent.`, {
    hint: `Check the stream, then run again: bavest-signals redrive ${targetFlag} (only what is left is sent)`,
  });
}
