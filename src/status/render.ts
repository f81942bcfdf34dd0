import type { SignalChange } from "../inspect/changes.js";
import { formatAge } from "../lib/age.js";
import { createStyle } from "../lib/style.js";
import type { Health, ProcessingCounts, StatusReport, StreamCounts, Windows } from "./types.js";

const MARK: Record<Health, string> = { healthy: "healthy ", degraded: "degraded", failing: "failing " };

function bytes(value: number | null): string {
  if (value === null) return "?";
  if (value < 1024 * 1024) return `${(value / 1024).toFixed(1)} KiB`;
  if (value < 1024 ** 3) return `${(value / 1024 ** 2).toFixed(1)} MiB`;
  return `${(value / 1024 ** 3).toFixed(2)} GiB`;
}

const n = (value: number | null | undefined): string =>
  value === null || value === undefined ? "?" : String(value);
const when = (iso: string | null, now: number): string =>
  iso === null
    ? "never"
    : `${iso} (${Date.parse(iso) <= now ? `${formatAge(now - Date.parse(iso))} ago` : `in ${formatAge(Date.parse(iso) - now)}`})`;

function streamLine(windows: Windows<StreamCounts>): string {
  return `in/out 5 min ${windows["5m"].in}/${windows["5m"].out}, 60 min ${windows["60m"].in}/${windows["60m"].out}`;
}

function processingLine(label: string, counts: ProcessingCounts): string {
  return `${label}: ${counts.batches} batches, ${n(counts.stored)} stored${counts.updated ? `, ${counts.updated} updated` : ""}, ${n(counts.rejected)} rejected, ${counts.failed} failed`;
}

/** The last few signal changes, newest first: `change AAPL sell -> hold (expensive -> growth_stock) at ...`. */
function changeLines(changes: SignalChange[] | undefined): string[] {
  if (changes === undefined) return [];
  if (changes.length === 0) return ["no signal changes recorded yet"];
  return changes.map(
    (c) =>
      `change ${c.symbol} ${c.from} -> ${c.to} (${c.fromCategory} -> ${c.toCategory}), observed ${c.observedAt}`,
  );
}

/** The one screen of `status`: a verdict per part with its reason, then its numbers. */
export function renderStatus(report: StatusReport, fancy: boolean): string {
  const style = createStyle(fancy);
  const paint = (health: Health, text: string) =>
    health === "healthy" ? style.green(text) : health === "degraded" ? style.yellow(text) : style.red(text);
  const now = Date.parse(report.checkedAt);
  const part = (name: string, verdict: { health: Health; reason: string }, details: string[]) => [
    `${paint(verdict.health, MARK[verdict.health])}  ${style.bold(name.padEnd(10))} ${verdict.reason}`,
    ...details.map((line) => `            ${style.dim(line)}`),
  ];
  const { ingestion, stream, processing, redis } = report;
  const memory = redis.memoryMaxBytes
    ? `${bytes(redis.memoryUsedBytes)} of ${bytes(redis.memoryMaxBytes)}`
    : `${bytes(redis.memoryUsedBytes)} (no maxmemory)`;
  const lines = [
    `${style.bold(`Pipeline ${report.target}:`)} ${paint(report.health, report.health)} - ${report.reason}`,
    "",
    ...part("ingestion", ingestion, [
      !ingestion.scheduled && ingestion.lastRunAt === null
        ? "ingestion is off (dev --no-ingest): nothing is fetched, records arrive by replay"
        : `last run ${when(ingestion.lastRunAt, now)}, ${n(ingestion.recordsWritten)} written, ${n(ingestion.symbolsFailed)} symbols failed`,
      `next run ${ingestion.scheduled ? when(ingestion.nextRunAt, now) : "not scheduled"}`,
    ]),
    ...part("stream", stream, [
      `${streamLine(stream.windows)}, iterator age ${stream.iteratorAgeMs === null ? "?" : formatAge(stream.iteratorAgeMs)}, ${n(stream.shards)} shard(s)`,
    ]),
    ...part("processing", processing, [
      processingLine("5 min", processing.windows["5m"]),
      processingLine("60 min", processing.windows["60m"]),
      `dead letters ${n(processing.deadLetters)}${processing.deadLetterUnit === "batches" ? " failed batch(es) in the failure bucket" : ""}`,
    ]),
    ...part(
      "redis",
      redis,
      redis.reachable
        ? [
            `${n(redis.symbols)} symbols, ${n(redis.keys)} keys, memory ${memory}`,
            `newest observation ${redis.newestObservationAgeMs === null ? "none" : `${formatAge(redis.newestObservationAgeMs)} old`}, newest write ${redis.newestWriteAgeMs === null ? "none" : `${formatAge(redis.newestWriteAgeMs)} ago`}`,
            ...changeLines(redis.recentChanges),
          ]
        : [],
    ),
  ];
  if (report.alarms) {
    lines.push(
      ...part(
        "alarms",
        report.alarms,
        report.alarms.alarms.map((alarm) => `${alarm.state.padEnd(17)} ${alarm.name}`),
      ),
    );
  }
  return lines.join("\n");
}
