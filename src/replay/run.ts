import { CliError, UsageError } from "../lib/errors.js";
import type { Output } from "../lib/output.js";
import type { ReplayTarget } from "../targets/streamTarget.js";
import type { ProcessedCounts } from "./accounting.js";
import { planBatches } from "./batches.js";
import { fixtureEnvelopeCodec } from "./codec.js";
import { type InputDeps, readReplayInput, splitReplayInput } from "./input.js";
import { type Clock, createPacer, systemClock } from "./pacing.js";
import { startProgressBar } from "./progressBar.js";
import { type BatchSender, type SendReport, sendBatches } from "./send.js";
import { describeInvalid, type EnvelopeCodec, type ReplayEntry, validateRecords } from "./validate.js";
import { snapshotBefore, type WaitLink, waitForSent } from "./wait.js";

/** The JSON summary of a replay (docs/contracts.md section 6), exactly these keys. */
export interface ReplaySummary {
  /** Records of the input considered: all of them, or those from `--from` on. */
  records: number;
  sent: number;
  failed: number;
  /** Invalid records left out under `--skip-invalid`. */
  skipped: number;
  /** PutRecords batches sent (planned, under `--dry-run`). */
  batches: number;
  durationMs: number;
}

export interface ReplayOptions {
  /** A file path, or `-` for stdin. */
  source: string;
  rate?: number;
  dryRun: boolean;
  skipInvalid: boolean;
  from: number;
  /** Batches in flight at once (only batches without a common partition key overlap). */
  maxInFlight?: number;
  /** Aborted on Ctrl-C: the replay stops starting batches and reports what was acknowledged. */
  stop?: AbortSignal;
  /** `--wait`: after sending, wait this long at most for the pipeline to process what was sent. */
  wait?: { timeoutMs: number };
}

export interface ReplayDeps {
  output: Output;
  resolveTarget: () => Promise<ReplayTarget>;
  createSender: (target: ReplayTarget) => Promise<{ send: BatchSender; close(): void }>;
  clock?: Clock;
  input?: InputDeps;
  codec?: EnvelopeCodec;
  /** For `wait`: the pipeline's Redis, opened with the target. */
  openWaitLink?: (target: ReplayTarget) => Promise<WaitLink>;
}

export interface ReplayResult {
  summary: ReplaySummary;
  /** Present after a send that stopped early: what was and was not acknowledged. */
  report?: SendReport;
  inputName: string;
  target?: string;
  /** With `wait`: what the pipeline did with the records sent. */
  processed?: ProcessedCounts;
}

const DEFAULT_MAX_IN_FLIGHT = 2;

/**
 * Reads and validates every record, then (unless a dry run) sends them in batches of at
 * most 500 records and 5 MiB. Nothing is sent when any record is invalid, unless
 * `skipInvalid`. A send that stops early returns the report instead of throwing, so the
 * caller can print the summary before the error.
 */
export async function runReplay(options: ReplayOptions, deps: ReplayDeps): Promise<ReplayResult> {
  const clock = deps.clock ?? systemClock;
  const startedAt = clock.now();
  // The target and the SDK load while the input is validated; nothing is sent before both are done.
  const connecting = options.dryRun ? undefined : connect(deps, options.wait !== undefined);
  connecting?.catch(() => {});
  let prepared: Awaited<ReturnType<typeof readAndValidate>>;
  try {
    prepared = await readAndValidate(options, deps);
  } catch (error) {
    release(connecting);
    throw error;
  }
  const { inputName, records, entries, skipped } = prepared;
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  const batches = planBatches(entries, options.rate, maxInFlight);
  const summarise = (sent: number, failed: number, batchCount: number): ReplaySummary => ({
    records,
    sent,
    failed,
    skipped,
    batches: batchCount,
    durationMs: clock.now() - startedAt,
  });
  if (connecting === undefined || entries.length === 0) {
    release(connecting);
    return { summary: summarise(0, 0, options.dryRun ? batches.length : 0), inputName };
  }
  const connection = await connecting;
  const { report, processed } = await sendAndWait(connection, entries, batches, options, deps, clock);
  const summary = summarise(report.acknowledged.length, report.unacknowledged.length, report.batches);
  const stopped = report.error !== undefined || report.interrupted ? { report } : {};
  const waited = processed ? { processed } : {};
  return { summary, inputName, target: connection.target.description, ...waited, ...stopped };
}

/**
 * Sends the batches; with `wait`, first notes which records' keys exist already, and after
 * the send waits for the pipeline. Closes the sender and the Redis link whatever happens.
 */
async function sendAndWait(
  { sender, link }: Connection,
  entries: ReplayEntry[],
  batches: ReplayEntry[][],
  options: ReplayOptions,
  deps: ReplayDeps,
  clock: Clock,
): Promise<{ report: SendReport; processed?: ProcessedCounts }> {
  try {
    const snapshot = link ? await snapshotBefore(link, entries) : undefined;
    const bar = startProgressBar(deps.output, entries.length);
    let report: SendReport;
    try {
      report = await sendBatches(batches, sender.send, {
        pacer: createPacer(options.rate, clock),
        maxInFlight: options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
        onProgress: (acknowledged) => bar.update(acknowledged),
        ...(options.stop ? { stop: options.stop } : {}),
      });
    } finally {
      bar.finish();
    }
    if (!link || !snapshot || !options.wait) return { report };
    const processed = await waitForSent(link, snapshot, report, {
      timeoutMs: options.wait.timeoutMs,
      clock,
      output: deps.output,
      ...(options.stop ? { stop: options.stop } : {}),
    });
    return { report, processed };
  } finally {
    sender.close();
    await link?.close();
  }
}

interface Connection {
  target: ReplayTarget;
  sender: { send: BatchSender; close(): void };
  link?: WaitLink;
}

async function connect(deps: ReplayDeps, wait: boolean): Promise<Connection> {
  const target = await deps.resolveTarget();
  const sender = await deps.createSender(target);
  if (!wait || !deps.openWaitLink) return { target, sender };
  try {
    return { target, sender, link: await deps.openWaitLink(target) };
  } catch (error) {
    sender.close();
    throw error;
  }
}

/** Closes the sender once it exists, whatever the connection attempt ended in. */
function release(connecting: Promise<Connection> | undefined): void {
  connecting?.then(
    (link) => {
      link.sender.close();
      void link.link?.close();
    },
    () => {},
  );
}

/** Every record read and validated before anything is sent; invalid ones stop here unless skipped. */
async function readAndValidate(options: ReplayOptions, deps: ReplayDeps) {
  const input = await readReplayInput(options.source, deps.input);
  const records = splitReplayInput(input);
  if (options.from > 0 && options.from >= records.length) {
    throw new UsageError(
      `--from ${options.from} is past the last record of ${input.name} (index ${records.length - 1}).`,
    );
  }
  const { entries, invalid } = validateRecords(records, deps.codec ?? fixtureEnvelopeCodec, options.from);
  const problems = describeInvalid(invalid);
  if (invalid.length > 0 && !options.skipInvalid) {
    throw new CliError(
      `${input.name} has ${invalid.length} invalid record(s); nothing was sent.\n${problems}`,
      {
        hint: "Fix them, or pass --skip-invalid to send only the valid records.",
      },
    );
  }
  if (invalid.length > 0)
    deps.output.warn(`skipping ${invalid.length} invalid record(s) of ${input.name}:\n${problems}`);
  return { inputName: input.name, records: records.length - options.from, entries, skipped: invalid.length };
}
