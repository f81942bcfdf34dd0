import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { listFailureRecordKeys } from "../../../src/cloud/failureBucket.js";
import {
  type CloudStatusTarget,
  gatherCloudFacts,
  scheduleEveryMs,
} from "../../../src/status/cloudSource.js";
import { evaluateStatus } from "../../../src/status/health.js";
import type { RedisFacts } from "../../../src/status/types.js";

const cloudwatch = mockClient(CloudWatchClient);
const logs = mockClient(CloudWatchLogsClient);
afterEach(() => {
  cloudwatch.reset();
  logs.reset();
});

const NOW = Date.parse("2026-11-20T15:30:00Z");
const minute = (minutesAgo: number) => new Date(Math.floor(NOW / 60_000) * 60_000 - minutesAgo * 60_000);

const OUTPUTS = {
  ingestion_lambda_name: "bavest-signals-prod-ingestion-1a2b3c",
  processing_lambda_name: "bavest-signals-prod-processing-4d5e6f",
  kinesis_stream_name: "bavest-signals-prod-stream-7a8b9c",
  dead_letter_queue_url: "https://sqs.eu-central-1.amazonaws.com/123456789012/bavest-signals-prod-dlq-0f1e2d",
  alarm_topic_arn: "arn:aws:sns:eu-central-1:123456789012:monitoring-alarms-3c4d5e",
  region: "eu-central-1",
};

const REDIS: RedisFacts = {
  reachable: true,
  symbols: 7,
  keys: 120,
  memoryUsedBytes: 2_500_000,
  memoryMaxBytes: 436_207_616,
  newestObservationAgeMs: 90_000,
  newestWriteAgeMs: 80_000,
};

function target(over: Partial<CloudStatusTarget> = {}): CloudStatusTarget {
  return {
    stack: "prod",
    outputs: OUTPUTS,
    schedule: "rate(5 minutes)",
    cloudwatch: new CloudWatchClient({ region: "eu-central-1" }),
    logs: new CloudWatchLogsClient({ region: "eu-central-1" }),
    shardCount: async () => 2,
    readRedis: async () => REDIS,
    ...over,
  };
}

function series(id: string, points: Array<[number, number]>) {
  return {
    Id: id,
    Label: id,
    Timestamps: points.map(([ago]) => minute(ago)),
    Values: points.map(([, value]) => value),
    StatusCode: "Complete" as const,
  };
}

const batchLine = (at: number, counts: Record<string, number>, message = "Batch processed") => ({
  eventId: `e${at}`,
  logStreamName: "2026/11/20/[$LATEST]abc",
  timestamp: at,
  ingestionTime: at + 200,
  message: JSON.stringify({
    level: "INFO",
    message,
    service: "bavest-processing",
    timestamp: new Date(at).toISOString(),
    ...counts,
  }),
});

describe("status of a deployed stack from CloudWatch", () => {
  it("sums metrics over 5 and 60 minutes across pages, reads batch lines, alarms and Redis", async () => {
    cloudwatch
      .on(GetMetricDataCommand)
      .resolvesOnce({
        MetricDataResults: [
          series("streamIn", [
            [50, 400],
            [3, 120],
            [1, 80],
          ]),
          series("streamOut", [
            [50, 400],
            [3, 120],
          ]),
          series("iteratorAge", [
            [40, 900_000],
            [2, 1_500],
          ]),
          series("processingInvocations", [
            [50, 4],
            [3, 2],
            [1, 1],
          ]),
        ],
        NextToken: "page-2",
        Messages: [],
      })
      .resolvesOnce({
        MetricDataResults: [
          series("streamOut", [[1, 80]]),
          series("processingErrors", [[50, 1]]),
          series("ingestionInvocations", [
            [9, 1],
            [4, 1],
          ]),
          series("ingestionErrors", []),
          series("deadLetters", [[2, 0]]),
        ],
        Messages: [],
      });
    cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        {
          AlarmName: "monitoring-processing-errors-1a2b",
          StateValue: "OK",
          StateReason: "Threshold Crossed",
        },
        { AlarmName: "monitoring-iterator-age-3c4d", StateValue: "OK" },
      ],
      CompositeAlarms: [],
    });
    logs
      .on(FilterLogEventsCommand, { logGroupName: `/aws/lambda/${OUTPUTS.processing_lambda_name}` })
      .resolves({
        events: [
          batchLine(NOW - 50 * 60_000, { records: 400, processed: 398, rejected: 2, failed: 0 }),
          // A function deployed before the outcomes were counted logs `processed`; today's logs what its write did.
          batchLine(NOW - 3 * 60_000, {
            records: 120,
            stored: 100,
            updated: 19,
            duplicates: 0,
            stale: 0,
            rejected: 1,
            failed: 0,
            peDisagreements: 0,
          }),
          batchLine(
            NOW - 60_000,
            { records: 80, processed: 0, rejected: 0, failed: 80 },
            "Batch had transient failures",
          ),
        ],
      })
      .on(FilterLogEventsCommand, { logGroupName: `/aws/lambda/${OUTPUTS.ingestion_lambda_name}` })
      .resolves({
        events: [
          {
            eventId: "i1",
            timestamp: NOW - 4 * 60_000 + 2_000,
            message: JSON.stringify({ level: "INFO", message: "Ingestion finished", written: 6, failed: 1 }),
          },
        ],
      });

    const facts = await gatherCloudFacts(target(), NOW);

    expect(facts.stream).toEqual({
      windows: { "5m": { in: 200, out: 200 }, "60m": { in: 600, out: 600 } },
      iteratorAgeMs: 1_500,
      shards: 2,
    });
    expect(facts.processing.windows["5m"]).toEqual({
      batches: 3,
      stored: 119,
      rejected: 1,
      failed: 80,
      failedBatches: 1,
    });
    expect(facts.processing.windows["60m"]).toEqual({
      batches: 7,
      stored: 517,
      rejected: 3,
      failed: 80,
      failedBatches: 2,
    });
    expect(facts.processing.deadLetters).toBe(0);
    expect(facts.ingestion).toMatchObject({
      lastRunOk: true,
      recordsWritten: 6,
      symbolsFailed: 1,
      everyMs: 300_000,
    });
    expect(facts.alarms?.map((alarm) => alarm.state)).toEqual(["OK", "OK"]);
    expect(facts.redis).toEqual(REDIS);
    const request = cloudwatch.commandCalls(GetMetricDataCommand)[0]?.args[0].input;
    expect(
      request?.MetricDataQueries?.find((q) => q.Id === "deadLetters")?.MetricStat?.Metric?.Dimensions,
    ).toEqual([{ Name: "QueueName", Value: "bavest-signals-prod-dlq-0f1e2d" }]);
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)[0]?.args[0].input.ActionPrefix).toBe(
      OUTPUTS.alarm_topic_arn,
    );
    const report = evaluateStatus(facts, NOW);
    expect(report.processing.health).toBe("degraded");
    expect(report.ingestion).toMatchObject({
      health: "degraded",
      reason: "1 symbol(s) failed in the last run",
    });
  });

  it("reports empty windows, missing log groups and missing alarms without failing", async () => {
    cloudwatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: ["streamIn", "streamOut", "iteratorAge", "processingInvocations"].map((id) =>
        series(id, []),
      ),
      Messages: [],
    });
    logs.on(FilterLogEventsCommand).rejects(
      Object.assign(new Error("The specified log group does not exist."), {
        name: "ResourceNotFoundException",
      }),
    );
    const { alarm_topic_arn: _topic, dead_letter_queue_url: _dlq, ...bare } = OUTPUTS;

    const facts = await gatherCloudFacts(
      target({ outputs: bare, readRedis: undefined, shardCount: undefined }),
      NOW,
    );
    const report = evaluateStatus(facts, NOW);

    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)).toHaveLength(0);
    expect(report.stream).toMatchObject({ health: "healthy", iteratorAgeMs: null, shards: null });
    expect(report.stream.windows).toEqual({ "5m": { in: 0, out: 0 }, "60m": { in: 0, out: 0 } });
    expect(report.processing).toMatchObject({
      health: "healthy",
      deadLetters: null,
      reason: "idle (no batch in 5 min)",
    });
    expect(report.ingestion).toMatchObject({
      health: "degraded",
      lastRunAt: null,
      reason: "no run in the last 60.0 min",
    });
    expect(report.alarms).toMatchObject({ health: "healthy", alarms: [] });
    expect(report.redis).toMatchObject({ health: "degraded", reachable: false });
    expect(report.health).toBe("degraded");
  });

  it("fails the alarms part when one is in ALARM and marks a failed last ingestion run", async () => {
    cloudwatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [series("ingestionInvocations", [[2, 1]]), series("ingestionErrors", [[2, 1]])],
    });
    cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        {
          AlarmName: "monitoring-ingestion-errors-9f8e",
          StateValue: "ALARM",
          StateReason: "1 datapoint > 0",
        },
      ],
    });
    logs.on(FilterLogEventsCommand).resolves({ events: [] });

    const report = evaluateStatus(await gatherCloudFacts(target(), NOW), NOW);

    expect(report.ingestion).toMatchObject({ health: "failing", lastRunOk: false });
    expect(report.alarms).toMatchObject({
      health: "failing",
      reason: "in ALARM: monitoring-ingestion-errors-9f8e",
    });
    expect(report.health).toBe("failing");
  });

  it("reads rate() schedules and ignores cron ones", () => {
    expect(scheduleEveryMs("rate(5 minutes)")).toBe(300_000);
    expect(scheduleEveryMs("rate(1 hour)")).toBe(3_600_000);
    expect(scheduleEveryMs("cron(0/5 * * * ? *)")).toBeNull();
    expect(scheduleEveryMs(undefined)).toBeNull();
  });

  it("counts the failed batches waiting in the S3 failure bucket as dead letters, and degrades processing", async () => {
    // prepare: one page of the bucket's listing holds two failed batches
    const s3 = mockClient(S3Client);
    s3.on(ListObjectsV2Command).resolves({
      Contents: [
        { Key: "aws/lambda/uuid/shardId-000/2026/12/01/a.json" },
        { Key: "aws/lambda/uuid/shardId-000/2026/12/01/b.json" },
      ],
      IsTruncated: false,
    });
    cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
    logs.on(FilterLogEventsCommand).resolves({ events: [] });
    const client = new S3Client({ region: "eu-central-1" });

    // act
    const facts = await gatherCloudFacts(
      target({
        failedBatches: async () => (await listFailureRecordKeys(client, "processing-failures")).length,
      }),
      NOW,
    );
    const report = evaluateStatus(facts, NOW);

    // assess
    expect(s3.commandCalls(ListObjectsV2Command)[0]?.args[0].input).toMatchObject({
      Bucket: "processing-failures",
      Prefix: "aws/lambda/",
    });
    expect(facts.processing).toMatchObject({ deadLetters: 2, deadLetterUnit: "batches" });
    expect(report.processing.health).toBe("degraded");
    expect(report.processing.reason).toContain("2 failed batch(es) in the failure bucket");
    s3.restore();
  });
});
