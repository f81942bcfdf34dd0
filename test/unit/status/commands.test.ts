import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { buildProgram, type ProgramDeps } from "../../../src/cli.js";
import type { CloudStatusTarget } from "../../../src/status/cloudSource.js";
import type { ResolveCloudTarget } from "../../../src/status/cloudTarget.js";
import { memoryStreams } from "../../helpers/memoryStreams.js";

const cloudwatch = mockClient(CloudWatchClient);
const logs = mockClient(CloudWatchLogsClient);
afterEach(() => {
  cloudwatch.reset();
  logs.reset();
});

async function run(deps: ProgramDeps, args: string[]) {
  const { stdout, stderr, out, err } = memoryStreams();
  let error: unknown;
  await buildProgram({ stdout, stderr, env: { NO_COLOR: "1" } }, deps)
    .parseAsync(args, { from: "user" })
    .catch((caught) => {
      error = caught;
    });
  return { stdout: out(), stderr: err(), error };
}

const resolved: string[] = [];
const resolveCloudTarget: ResolveCloudTarget = async (stack) => {
  resolved.push(stack);
  const target: CloudStatusTarget = {
    stack,
    outputs: {
      ingestion_lambda_name: "prod-ingestion-1a2b",
      processing_lambda_name: "prod-processing-3c4d",
      kinesis_stream_name: "prod-stream-5e6f",
      alarm_topic_arn: "arn:aws:sns:eu-central-1:123456789012:alarms",
    },
    cloudwatch: new CloudWatchClient({ region: "eu-central-1" }),
    logs: new CloudWatchLogsClient({ region: "eu-central-1" }),
  };
  return target;
};

describe("status and logs against a stack, through the resolveCloudTarget seam", () => {
  it("status --stack prod --json prints one JSON report, failing with exit 1 when an alarm fires", async () => {
    cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [{ AlarmName: "monitoring-dead-letters-1f2e", StateValue: "ALARM" }],
    });
    logs.on(FilterLogEventsCommand).resolves({ events: [] });

    const result = await run({ status: { resolveCloudTarget } }, ["status", "--stack", "prod", "--json"]);

    expect(resolved).toContain("prod");
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ target: 'stack "prod"', health: "failing" });
    expect(report.alarms.alarms).toEqual([{ name: "monitoring-dead-letters-1f2e", state: "ALARM" }]);
    expect(result.error).toMatchObject({ exitCode: 1 });
  });

  it("logs processing --stack prod --json passes the JSON lines through unchanged, filtered", async () => {
    const lines = [
      '{"level":"INFO","message":"Batch processed","timestamp":"2026-11-27T06:00:02.000Z","records":7}',
      '{"level":"WARN","message":"Record rejected","timestamp":"2026-11-27T06:00:03.000Z","reason":"no quote"}',
    ];
    logs.on(FilterLogEventsCommand).resolves({
      events: lines.map((message, index) => ({
        eventId: String(index),
        timestamp: Date.now() - 1_000 + index,
        message,
      })),
    });

    const all = await run({ logs: { resolveCloudTarget } }, [
      "logs",
      "processing",
      "--stack",
      "prod",
      "--json",
    ]);
    const filtered = await run({ logs: { resolveCloudTarget } }, [
      "logs",
      "processing",
      "--stack",
      "prod",
      "--filter",
      "rejected",
    ]);

    expect(all.stdout).toBe(`${lines.join("\n")}\n`);
    expect(logs.commandCalls(FilterLogEventsCommand)[0]?.args[0].input.logGroupName).toBe(
      "/aws/lambda/prod-processing-3c4d",
    );
    expect(filtered.stdout).toBe('2026-11-27T06:00:03.000Z WARN  Record rejected  reason="no quote"\n');
  });

  it("refuses an unknown function name and a bad --since as usage errors", async () => {
    const unknown = await run({ logs: { resolveCloudTarget } }, ["logs", "billing"]);
    expect(unknown.error).toMatchObject({
      exitCode: 2,
      message: '"billing" is not a function of the pipeline.',
    });
    const since = await run({ logs: { resolveCloudTarget } }, ["logs", "--since", "soon"]);
    expect(since.error).toMatchObject({ exitCode: 2 });
  });
});
