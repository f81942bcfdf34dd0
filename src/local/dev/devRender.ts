import type { ChalkInstance } from "chalk";
import { formatAge } from "../../lib/age.js";
import type { BatchEvent, DeadLetterEvent, StuckEvent } from "../mapping/eventSourceMapping.js";
import type { IngestionRun } from "../pipeline/pipelineOptions.js";
import type { WriteFault } from "../pipeline/writeFaults.js";
import type { LocalPipelineRecord } from "../state.js";

export interface BannerFacts {
  record: LocalPipelineRecord;
  symbols: string[];
  liveApi: boolean;
  ingestEvery: string | null;
  batchSize: number;
  batchingWindowMs: number;
  /** Where the trigger starts: a new stream, or a kept one and the checkpoints kept with it. */
  start?: { resumed: boolean; checkpoints: Readonly<Record<string, string>> };
}

/** Where the trigger starts reading: TRIM_HORIZON only where that is true. */
export function startingPoint(start: BannerFacts["start"], shards: number): string {
  if (!start?.resumed) return "from TRIM_HORIZON";
  const kept = Object.keys(start.checkpoints).length;
  if (kept === 0) return "from the start (TRIM_HORIZON) of the kept stream";
  const others = kept < shards ? `, the other ${shards - kept} from their start` : "";
  return `resumes after the kept checkpoint of ${kept} shard${kept === 1 ? "" : "s"}${others}`;
}

/** The ready banner: where everything listens and what to run next. */
export function renderBanner(facts: BannerFacts, style: ChalkInstance): string {
  const { record } = facts;
  const shards = record.shards ?? 1;
  const api = facts.liveApi ? "the live Bavest API" : `local stand-in, ${facts.symbols.length} symbols`;
  const rows: Array<[string, string]> = [
    [
      "Kinesis",
      `${record.kinesis_endpoint}  stream ${record.kinesis_stream_name} (${shards} shard${shards === 1 ? "" : "s"})`,
    ],
    ["Redis", `${record.redis_url}  prefix ${record.redis_prefix}`],
    ["Bavest API", `${record.bavest_api_url}  (${api})`],
    [
      "Trigger",
      `batch size ${facts.batchSize}, batching window ${facts.batchingWindowMs} ms, ${startingPoint(facts.start, shards)}`,
    ],
    ["Ingestion", facts.ingestEvery ? `every ${facts.ingestEvery}, first run now` : "off (--no-ingest)"],
    ["Logs", `${record.runDir}/processing.log, ingestion.log`],
    ["Dead letters", record.deadLetterFile],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    style.green.bold("Local pipeline ready (no AWS involved)."),
    ...rows.map(([label, value]) => `  ${style.dim(label.padEnd(width))}  ${value}`),
    "",
    "Next, in another terminal:",
    ...nextCommands(facts).map((command) => `  bavest-signals ${command}`),
    "",
    style.dim("Press Ctrl-C to stop."),
  ].join("\n");
}

/**
 * What to try next. With ingestion on, today's quotes arrive by themselves (and last year's
 * fixtures would be older than the history kept); without it, records come by replay.
 */
export function nextCommands(facts: Pick<BannerFacts, "ingestEvery" | "symbols">): string[] {
  const symbol = facts.symbols[0] ?? "AAPL";
  return facts.ingestEvery
    ? ["inspect --local", `inspect --local ${symbol}`, "status --local", "logs --local --follow"]
    : ["replay --local fixtures/sample.json", "inspect --local", `inspect --local ${symbol}`];
}

function clockTime(now: Date): string {
  return now.toISOString().slice(11, 19);
}

/** One compact line per handler invocation. */
export function renderBatchLine(event: BatchEvent, style: ChalkInstance, now = new Date()): string {
  const parts = [
    style.dim(clockTime(now)),
    event.shardId,
    `${event.records} record${event.records === 1 ? "" : "s"}`,
    `${event.rejected ?? 0} rejected`,
    ...(event.stored === undefined ? [] : [`${event.stored} stored`]),
    ...(event.updated === undefined ? [] : [`${event.updated} updated`]),
    ...(event.duplicates === undefined ? [] : [`${event.duplicates} duplicate`]),
    ...(event.stale === undefined ? [] : [`${event.stale} stale`]),
    event.failed > 0 ? style.red(`${event.failed} failed`) : "0 failed",
    `lag ${event.iteratorAgeMs} ms`,
  ];
  if (event.error) parts.push(style.red(`error: ${event.error}`));
  return parts.join("  ");
}

/** Loud: a shard holds a batch it can neither process nor dead-letter; nothing after it moves. */
export function renderStuckLine(event: StuckEvent, style: ChalkInstance, now = new Date()): string {
  const since = event.since.slice(11, 19);
  return `${style.dim(clockTime(now))}  ${event.shardId}  ${style.red.bold(`STUCK since ${since} (attempt ${event.attempts}): ${event.reason}.`)} ${style.red(`Its batch of ${event.records} record(s) and every record after it wait; retrying in ${formatAge(event.retryInMs)}. Nothing is skipped.`)}`;
}

export function renderMovesAgainLine(
  shardId: string,
  stuckForMs: number,
  style: ChalkInstance,
  now = new Date(),
): string {
  return `${style.dim(clockTime(now))}  ${shardId}  ${style.green(`moves again after ${formatAge(stuckForMs)} stuck`)}`;
}

export function renderDeadLetterLine(
  event: DeadLetterEvent,
  file: string,
  style: ChalkInstance,
  now = new Date(),
): string {
  return `${style.dim(clockTime(now))}  ${event.shardId}  ${style.yellow(`${event.records} record(s) to the dead letter after the last retry (${event.reason})`)}: ${file}`;
}

/** One line per scheduled ingestion run, with the numbers of its summary when it has any. */
export function renderIngestionLine(run: IngestionRun, style: ChalkInstance, now = new Date()): string {
  if (!run.ok) return `${style.dim(clockTime(now))}  ingestion  ${style.red(`failed: ${run.error}`)}`;
  const summary =
    run.summary && typeof run.summary === "object" ? (run.summary as Record<string, unknown>) : {};
  const numbers = Object.entries(summary)
    .filter(([, value]) => typeof value === "number")
    .map(([key, value]) => `${key} ${value}`);
  return `${style.dim(clockTime(now))}  ingestion  ${numbers.length > 0 ? numbers.join("  ") : "done"}`;
}

/** Loud: a file of dev's cannot be written (a full disk); what that means for the records. */
export function renderWriteFailedLine(fault: WriteFault, style: ChalkInstance, now = new Date()): string {
  return `${style.dim(clockTime(now))}  ${style.red.bold(`cannot write ${fault.file}: ${fault.reason}.`)} ${style.red("Records that cannot be stored are refused (the sender sees an error), none acknowledged is dropped; dev goes on by itself once it can write again.")}`;
}

export function renderWriteRecoveredLine(
  file: string,
  failedForMs: number,
  style: ChalkInstance,
  now = new Date(),
): string {
  return `${style.dim(clockTime(now))}  ${style.green(`${file} is written again after ${formatAge(failedForMs)}`)}`;
}
