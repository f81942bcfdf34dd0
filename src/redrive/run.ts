import { CliError } from "../lib/errors.js";
import type { Output } from "../lib/output.js";
import { planBatches } from "../replay/batches.js";
import { createPacer } from "../replay/pacing.js";
import { type BatchSender, type SendReport, sendBatches } from "../replay/send.js";
import type { ReplayEntry } from "../replay/validate.js";
import type { ReplayTarget } from "../targets/streamTarget.js";
import type { RedriveRecord, RedriveSource, Unrecoverable } from "./types.js";

export interface RedriveOptions {
  yes: boolean;
  /** How the user picked the target, for the hint that adds --yes: `--local`, `--stack prod`. */
  targetFlag: string;
  /** Aborted on Ctrl-C: no new batch starts; what was acknowledged so far is still removed. */
  stop?: AbortSignal;
}

export interface RedriveDeps {
  output: Output;
  interactive: boolean;
  confirm: (message: string) => Promise<boolean>;
  /** The failure destination and the stream it belongs to. */
  open: () => Promise<{ source: RedriveSource; target: ReplayTarget }>;
  createSender: (target: ReplayTarget) => Promise<{ send: BatchSender; close(): void }>;
}

/** The `--json` document of `redrive`. */
export interface RedriveResult {
  status: "redriven" | "empty" | "declined";
  source: string;
  /** What the removed and kept counts count: `line(s) of dead-letter.jsonl`, `object(s) of s3://b`. */
  items: string;
  target: string;
  /** Records found that could be sent again. */
  records: number;
  resent: number;
  failed: number;
  /** Records or stored items that could not be sent again, each with the reason. */
  unrecoverable: Unrecoverable[];
  /** Stored items removed: every record of them was resent and acknowledged. */
  removed: number;
  /** Stored items left in place (something in them failed or could not be recovered). */
  kept: number;
  /** Why some records were not acknowledged. */
  error?: string;
}

/** Sends in flight at once; only batches with no partition key in common overlap (as replay). */
const MAX_IN_FLIGHT = 2;

/**
 * Collects what the failure destination holds, confirms, sends it through the stream with
 * replay's sender (PutRecords, failed entries retried), then removes only the stored items
 * whose every record Kinesis acknowledged. Processing is idempotent, so a record that
 * reaches Redis twice does no harm.
 */
export async function runRedrive(options: RedriveOptions, deps: RedriveDeps): Promise<RedriveResult> {
  // What can fail (the Pulumi CLI, the stack, its outputs, the source) is said before "pass --yes".
  const { source, target } = await deps.open();
  const collected = await source.collect();
  const base = {
    source: source.description,
    items: source.items,
    target: target.description,
    records: collected.records.length,
    resent: 0,
    failed: 0,
    unrecoverable: collected.unrecoverable,
    removed: 0,
    kept: collected.origins.length,
  };
  if (collected.records.length === 0) {
    // Blank lines and the like: nothing to send, nothing worth keeping.
    const empty = removable(collected.origins, new Set(), collected.unrecoverable);
    if (empty.length > 0) await source.remove(empty);
    return { ...base, status: "empty", removed: empty.length, kept: collected.origins.length - empty.length };
  }
  const question = `Send ${collected.records.length} record(s) from ${source.description} to ${target.description} again?`;
  if (!options.yes && !deps.interactive) {
    throw new CliError("Refusing to redrive without confirmation: there is no terminal to ask on.", {
      hint: `Pass --yes: bavest-signals redrive ${options.targetFlag} --yes`,
    });
  }
  if (!options.yes && !(await deps.confirm(question))) return { ...base, status: "declined" };
  const report = await resend(collected.records, target, deps, options.stop);
  const notAcknowledged = new Set(
    report.unacknowledged.map((entry) => collected.records[entry.index]?.origin),
  );
  const done = removable(collected.origins, notAcknowledged, collected.unrecoverable);
  await source.remove(done);
  return {
    ...base,
    status: "redriven",
    resent: report.acknowledged.length,
    failed: report.unacknowledged.length,
    removed: done.length,
    kept: collected.origins.length - done.length,
    ...(report.error ? { error: report.error } : {}),
    ...(report.interrupted ? { error: "interrupted before every record was sent" } : {}),
  };
}

/** PutRecords through replay's batching and sender: failed entries retried, acknowledgements exact. */
async function resend(
  records: readonly RedriveRecord[],
  target: ReplayTarget,
  deps: RedriveDeps,
  stop: AbortSignal | undefined,
): Promise<SendReport> {
  const entries: ReplayEntry[] = records.map((record, index) => ({
    index,
    label: record.label,
    PartitionKey: record.partitionKey,
    Data: record.data,
  }));
  const sender = await deps.createSender(target);
  try {
    return await sendBatches(planBatches(entries, undefined, MAX_IN_FLIGHT), sender.send, {
      pacer: createPacer(undefined),
      maxInFlight: MAX_IN_FLIGHT,
      ...(stop ? { stop } : {}),
    });
  } finally {
    sender.close();
  }
}

/** Items with nothing unacknowledged and nothing unrecoverable, in their stored order. */
function removable(
  origins: readonly string[],
  notAcknowledged: ReadonlySet<string | undefined>,
  unrecoverable: readonly Unrecoverable[],
): string[] {
  const blocked = new Set(unrecoverable.map((item) => item.origin));
  return origins.filter((origin) => !notAcknowledged.has(origin) && !blocked.has(origin));
}
