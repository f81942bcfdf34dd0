import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { mockClient } from "aws-sdk-client-mock";
import { beforeAll, describe, expect, it } from "vitest";
import { parseStackConfig } from "../../../src/stack/config.js";
import { runSynth, type SynthResult } from "../../../src/stack/synth/runSynth.js";
import { gatherCloudFacts } from "../../../src/status/cloudSource.js";

// status --stack reads `alarm_name_prefix` and `ingestion_schedule` from a stack's outputs
// (item T5): here they come from the synthesized program itself, not from a hand-made list.
const cloudwatch = mockClient(CloudWatchClient);
const logs = mockClient(CloudWatchLogsClient);
const NOW = Date.parse("2026-11-20T15:30:00Z");
let result: SynthResult;

beforeAll(async () => {
  const config = parseStackConfig({
    "bavest-signals:alarms": "false",
    "bavest-signals:schedule": "rate(10 minutes)",
  });
  result = await runSynth({ config, stack: "prod", bundleDir: "/bundles" });
});

describe("status --stack on what the program exports (item T5)", () => {
  it("selects the stack's alarms by the exported prefix and times the next run by the exported schedule", async () => {
    const prefix = String(result.outputs.alarm_name_prefix);
    expect(prefix).toMatch(/^bavest-signals-prod-[0-9a-f]{6}-$/);
    expect(result.outputs).not.toHaveProperty("alarm_topic_arn");
    cloudwatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        {
          Id: "ingestionInvocations",
          Timestamps: [new Date(NOW - 4 * 60_000)],
          Values: [1],
          StatusCode: "Complete",
        },
      ],
    });
    cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [{ AlarmName: `${prefix}ingestion-errors`, StateValue: "OK" }],
    });
    logs.on(FilterLogEventsCommand).resolves({ events: [] });

    const facts = await gatherCloudFacts(
      {
        stack: "prod",
        outputs: result.outputs,
        cloudwatch: new CloudWatchClient({ region: "eu-central-1" }),
        logs: new CloudWatchLogsClient({ region: "eu-central-1" }),
      },
      NOW,
    );

    const asked = cloudwatch.commandCalls(DescribeAlarmsCommand).map((call) => call.args[0].input);
    expect(asked[0]).toMatchObject({ AlarmNamePrefix: prefix });
    expect(facts.alarms).toEqual([{ name: `${prefix}ingestion-errors`, state: "OK" }]);
    expect(facts.ingestion.everyMs).toBe(600_000);
    expect(facts.ingestion.nextRunAt).not.toBeNull();
  });
});
