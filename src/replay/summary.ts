import { CliError, InterruptedError } from "../lib/errors.js";
import type { ProcessedCounts } from "./accounting.js";
import type { ReplayResult, ReplaySummary } from "./run.js";
import { describeRanges } from "./send.js";
import type { ReplayEntry } from "./validate.js";
import { describeCounts } from "./wait.js";

export { nothingWritten } from "./accounting.js";

/** The human summary printed at the end of a replay. Pure. */
export function renderReplaySummary(result: ReplayResult, dryRun: boolean): string {
  const { summary } = result;
  const skipped = summary.skipped > 0 ? `, ${summary.skipped} invalid skipped` : "";
  if (dryRun) {
    const valid = summary.records - summary.skipped;
    return `Dry run: ${valid} of ${summary.records} record(s) of ${result.inputName} are valid${skipped}; they would go in ${summary.batches} batch(es). Nothing was sent.`;
  }
  const where = result.target ? ` to ${result.target}` : "";
  const failed = summary.failed > 0 ? `, ${summary.failed} not acknowledged` : "";
  const processed = result.processed ? `\n${renderProcessed(result.processed)}` : "";
  return `${sentLine(result, where, failed, skipped)}${processed}`;
}

/** `Processed: stored 18, updated 0, duplicates 2, stale 0, rejected 1, failed 0 (3 not processed yet).` Pure. */
export function renderProcessed(counts: ProcessedCounts): string {
  const open =
    counts.notProcessed > 0 ? ` (${counts.notProcessed} not processed yet when the wait ended)` : "";
  return `Processed: ${describeCounts(counts)}${open}.`;
}

/**
 * The error for `--wait` when the pipeline stored and updated none of what was sent: why, and what to do.
 * `commandLine` writes a hint's command with the replay's own target and mode flags.
 */
export function nothingStoredError(
  result: ReplayResult,
  commandLine: (words: string[]) => string = (words) => `bavest-signals ${words.join(" ")}`,
): CliError {
  const counts = result.processed as ProcessedCounts;
  const reasons = [
    counts.duplicates > 0 ? `${counts.duplicates} already stored (duplicates)` : "",
    counts.stale > 0 ? `${counts.stale} older than the history keeps (stale)` : "",
    counts.rejected > 0 ? `${counts.rejected} rejected (see inspect --rejected)` : "",
    counts.failed > 0 ? `${counts.failed} failed (in the dead-letter file)` : "",
    counts.notProcessed > 0 ? `${counts.notProcessed} not processed before the wait ended` : "",
  ].filter(Boolean);
  return new CliError(
    `The pipeline stored none of the ${result.summary.sent} record(s) sent from ${result.inputName}: ${reasons.join(", ") || "nothing was sent"}.`,
    {
      hint:
        counts.notProcessed > 0
          ? `Is the pipeline running? Check: ${commandLine(["status"])}, or wait longer with --wait-timeout 5m`
          : `Nothing new to store; inspect what is there: ${commandLine(["inspect"])}`,
    },
  );
}

function sentLine(result: ReplayResult, where: string, failed: string, skipped: string): string {
  const { summary } = result;
  return `Sent ${summary.sent} of ${summary.records} record(s) of ${result.inputName}${where} in ${summary.batches} batch(es)${failed}${skipped} (${formatDuration(summary.durationMs)}${rateOf(summary)}).`;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function rateOf(summary: ReplaySummary): string {
  if (summary.sent === 0 || summary.durationMs <= 0) return "";
  return `, ${Math.round((summary.sent / summary.durationMs) * 1000)} records/s`;
}

/**
 * The error for a replay that stopped early (Kinesis failed, or Ctrl-C): which records Kinesis
 * acknowledged, which it did not, and the exact command that resumes at the first
 * unacknowledged record.
 */
export function replayStoppedError(result: ReplayResult, resumeCommand: (from: number) => string): CliError {
  const report = result.report;
  const first = report?.unacknowledged[0];
  const { summary, inputName } = result;
  const lines = [
    report?.interrupted
      ? `Interrupted: ${summary.failed} of ${summary.records} record(s) of ${inputName} were not sent.`
      : `Kinesis did not acknowledge ${summary.failed} of ${summary.records} record(s) of ${inputName}: ${report?.error ?? "unknown error"}.`,
    report?.acknowledged.length
      ? `Acknowledged (${summary.sent}): index ${describeRanges(report.acknowledged)}.`
      : "Acknowledged: none.",
  ];
  if (first) lines.push(...firstUnacknowledged(first, report?.acknowledged ?? []));
  const resume = first ? resumeCommand(first.index) : undefined;
  if (report?.interrupted) {
    return new InterruptedError(
      [...lines, resume ? `Resume with: ${resume}` : "Run the replay again."].join("\n"),
    );
  }
  return new CliError(lines.join("\n"), {
    hint: resume
      ? `Once the stream is reachable, resume with: ${resume}`
      : "Check the stream, then run the replay again.",
  });
}

function firstUnacknowledged(first: ReplayEntry, acknowledged: number[]): string[] {
  const where = first.label === `index ${first.index}` ? "" : ` (${first.label})`;
  const lines = [`First record not acknowledged: index ${first.index}${where}.`];
  // Resuming sends these again; the pipeline stores an observation once however often it arrives.
  const ahead = acknowledged.filter((index) => index > first.index).length;
  if (ahead > 0)
    lines.push(`${ahead} acknowledged record(s) after it will be sent again on resume (harmless).`);
  return lines;
}
