import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { logGroupOf } from "../cloud/logGroups.js";
import { OPTIONAL_OUTPUTS, STACK_OUTPUTS } from "../core/stackOutputs.js";
import { fetchAlarms } from "./cloudAlarms.js";
import {
  BATCH_PATTERN,
  batchTotals,
  INGESTION_PATTERN,
  lastIngestionRun,
  recentEvents,
} from "./cloudLogFacts.js";
import { fetchSeries, maxSince, type Series, sumSince } from "./cloudMetrics.js";
import { WINDOW_MS } from "./localFacts.js";
import { unreachableRedis } from "./redisFacts.js";
import type { IngestionFacts, ProcessingCounts, RedisFacts, StatusFacts } from "./types.js";

/** A deployed stack as `status` reads it: its outputs and the clients to ask. */
export interface CloudStatusTarget {
  stack: string;
  outputs: Record<string, unknown>;
  /** The ingestion schedule expression (stack config `schedule`), when known. */
  schedule?: string;
  cloudwatch: CloudWatchClient;
  logs: CloudWatchLogsClient;
  /** The stream's open shard count; absent when it cannot be asked. */
  shardCount?: () => Promise<number | null>;
  /** Failed batches waiting in the S3 failure bucket (at most a page's worth counted). */
  failedBatches?: () => Promise<number | null>;
  /** Redis facts through the tunnel; absent when the stack cannot be reached from here. */
  readRedis?: (now: number) => Promise<RedisFacts>;
  /** Releases the clients. */
  close?: () => Promise<void>;
}

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;

/** `rate(5 minutes)` -> 300000; anything else (cron, missing) -> null. */
export function scheduleEveryMs(expression: unknown): number | null {
  const match = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(
    String(expression ?? "").trim(),
  );
  if (!match) return null;
  const unit = match[2]?.startsWith("minute")
    ? 60_000
    : match[2]?.startsWith("hour")
      ? 3_600_000
      : 86_400_000;
  return Number(match[1]) * unit;
}

function lastPositive(points: Series[keyof Series]): number | null {
  const point = [...points].reverse().find((p) => p.value > 0);
  return point ? point.at : null;
}

function ingestionFacts(
  series: Series,
  run: ReturnType<typeof lastIngestionRun>,
  everyMs: number | null,
): IngestionFacts {
  const invokedAt = lastPositive(series.ingestionInvocations);
  const lastRunAt = run?.at ?? invokedAt;
  const erroredAt = lastPositive(series.ingestionErrors);
  const lastRunOk =
    lastRunAt === null ? null : !(erroredAt !== null && invokedAt !== null && erroredAt >= invokedAt);
  return {
    scheduled: true,
    everyMs,
    lastRunAt: lastRunAt === null ? null : new Date(lastRunAt).toISOString(),
    lastRunOk,
    recordsWritten: run?.written ?? null,
    symbolsFailed: run?.failed ?? null,
    nextRunAt: lastRunAt !== null && everyMs !== null ? new Date(lastRunAt + everyMs).toISOString() : null,
    lookbackMs: WINDOW_MS["60m"],
    ...(lastRunOk === false
      ? { error: "the function reported errors (see: bavest-signals logs ingestion)" }
      : {}),
  };
}

function processingCounts(
  series: Series,
  logs: Awaited<ReturnType<typeof recentEvents>>,
  now: number,
  windowMs: number,
): ProcessingCounts {
  const totals = batchTotals(logs, now - windowMs);
  const errors = sumSince(series.processingErrors, now, windowMs);
  return {
    batches: sumSince(series.processingInvocations, now, windowMs),
    stored: totals.stored,
    rejected: totals.rejected,
    failed: totals.failed,
    failedBatches: errors + totals.transientBatches,
  };
}

/** Everything `status --stack` shows: CloudWatch metrics, the functions' summary lines, alarms, Redis. */
export async function gatherCloudFacts(target: CloudStatusTarget, now: number): Promise<StatusFacts> {
  const { outputs } = target;
  const processingFunction = text(outputs[STACK_OUTPUTS.processingLambdaName]) ?? "";
  const ingestionFunction = text(outputs[STACK_OUTPUTS.ingestionLambdaName]) ?? "";
  const deadLetterQueue = text(outputs[OPTIONAL_OUTPUTS.deadLetterQueueUrl])?.split("/").pop();
  const since = now - WINDOW_MS["60m"];
  const [series, batchLines, ingestionLines, alarms, shards, redis, failedBatches] = await Promise.all([
    fetchSeries(
      target.cloudwatch,
      {
        streamName: text(outputs[STACK_OUTPUTS.kinesisStreamName]) ?? "",
        processingFunction,
        ingestionFunction,
        ...(deadLetterQueue ? { deadLetterQueue } : {}),
      },
      now,
    ),
    recentEvents(target.logs, logGroupOf(outputs, "processing") ?? "", BATCH_PATTERN, since),
    recentEvents(target.logs, logGroupOf(outputs, "ingestion") ?? "", INGESTION_PATTERN, since),
    fetchAlarms(target.cloudwatch, {
      topicArn: text(outputs[STACK_OUTPUTS.alarmTopicArn]),
      namePrefix: text(outputs[OPTIONAL_OUTPUTS.alarmNamePrefix]),
    }),
    target.shardCount ? target.shardCount().catch(() => null) : Promise.resolve(null),
    target.readRedis
      ? target.readRedis(now).catch(unreachableRedis)
      : Promise.resolve(unreachableRedis(new Error("the stack has no tunnel to its Redis from here"))),
    target.failedBatches ? target.failedBatches().catch(() => null) : Promise.resolve(null),
  ]);
  const window = (ms: number) => ({
    in: sumSince(series.streamIn, now, ms),
    out: sumSince(series.streamOut, now, ms),
  });
  return {
    target: `stack "${target.stack}"`,
    ingestion: ingestionFacts(
      series,
      lastIngestionRun(ingestionLines),
      scheduleEveryMs(target.schedule ?? outputs[OPTIONAL_OUTPUTS.ingestionSchedule]),
    ),
    stream: {
      windows: { "5m": window(WINDOW_MS["5m"]), "60m": window(WINDOW_MS["60m"]) },
      iteratorAgeMs: maxSince(series.iteratorAge, now, WINDOW_MS["5m"]),
      shards,
    },
    processing: {
      windows: {
        "5m": processingCounts(series, batchLines, now, WINDOW_MS["5m"]),
        "60m": processingCounts(series, batchLines, now, WINDOW_MS["60m"]),
      },
      // The S3 failure bucket when the stack has one; an older stack's SQS queue otherwise.
      ...(failedBatches !== null
        ? { deadLetters: failedBatches, deadLetterUnit: "batches" as const }
        : {
            deadLetters: deadLetterQueue ? (maxSince(series.deadLetters, now, WINDOW_MS["5m"]) ?? 0) : null,
          }),
    },
    redis,
    alarms,
  };
}
