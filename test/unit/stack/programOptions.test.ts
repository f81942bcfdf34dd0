import { beforeAll, describe, expect, it } from "vitest";
import { alarmCount } from "../../../src/stack/components/alarmInventory.js";
import { parseStackConfig, type StackConfig } from "../../../src/stack/config.js";
import { cacheUserIds } from "../../../src/stack/stackNames.js";
import { runSynth, type SynthResult } from "../../../src/stack/synth/runSynth.js";
import { facts } from "./synthFacts.js";

// One synthesis per file: the mock runtime is process-wide.
let result: SynthResult;
let f: ReturnType<typeof facts>;
let config: StackConfig;

beforeAll(async () => {
  config = parseStackConfig({
    "bavest-signals:streamMode": "on-demand",
    "bavest-signals:nodeCount": "2",
    "bavest-signals:bastion": "false",
    "bavest-signals:alarmEmail": "ops@example.com",
    "bavest-signals:vpcId": "vpc-0a1b2c3d4e5f60718",
    "bavest-signals:privateSubnetIds": "subnet-0a1b2c3d,subnet-0e5f6071",
    "bavest-signals:schedule": "cron(0/10 * * * ? *)",
    "bavest-signals:batchSize": "250",
    "aws:region": "eu-central-1",
  });
  result = await runSynth({
    config,
    stack: "prod",
    bundleDir: "/bundles",
    // A stack configured before IAM authentication: its config still holds an AUTH token.
    secrets: { bavestApiKey: "real-looking-api-key", legacyRedisAuthToken: "real-looking-auth-token" },
  });
  f = facts(result);
});

describe("a stack with its options changed", () => {
  it("uses on-demand mode without a shard count", () => {
    const stream = f.one("aws:kinesis/stream:Stream", "quotes-stream");
    expect(stream.inputs.streamModeDetails).toEqual({ streamMode: "ON_DEMAND" });
    expect(stream.inputs.shardCount).toBeUndefined();
  });

  it("adds a replica with automatic failover", () => {
    expect(f.one("aws:elasticache/replicationGroup:ReplicationGroup", "signals-redis").inputs).toMatchObject({
      numCacheClusters: 2,
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
    });
  });

  it("creates no bastion, no VPC and admits Redis only from the processing group", () => {
    expect(f.ofType("aws:ec2/instance:Instance")).toEqual([]);
    expect(f.ofType("aws:ec2/vpc:Vpc")).toEqual([]);
    expect(f.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")).toHaveLength(1);
    expect(result.outputs).not.toHaveProperty("bastion_instance_id");
    expect(f.one("aws:ec2/securityGroup:SecurityGroup", "firewall-cache-sg").inputs.vpcId).toBe(
      "vpc-0a1b2c3d4e5f60718",
    );
    expect(f.one("aws:lambda/function:Function", "processing-fn").inputs.vpcConfig).toMatchObject({
      subnetIds: ["subnet-0a1b2c3d", "subnet-0e5f6071"],
    });
  });

  it("subscribes the alarm email, applies the schedule and batch size, and masks the given secrets", () => {
    expect(
      f.one("aws:sns/topicSubscription:TopicSubscription", "monitoring-alarm-email").inputs,
    ).toMatchObject({
      protocol: "email",
      endpoint: "ops@example.com",
    });
    expect(f.one("aws:cloudwatch/eventRule:EventRule", "ingestion-schedule").inputs.scheduleExpression).toBe(
      "cron(0/10 * * * ? *)",
    );
    expect(
      f.one("aws:lambda/eventSourceMapping:EventSourceMapping", "processing-stream-mapping").inputs.batchSize,
    ).toBe(250);
    const text = JSON.stringify(result);
    expect(text).not.toContain("real-looking-api-key");
    expect(text).not.toContain("real-looking-auth-token");
  });

  it("deletes a stack's old AUTH token as the IAM user group takes over (finding 12)", () => {
    expect(f.one("aws:elasticache/replicationGroup:ReplicationGroup", "signals-redis").inputs).toMatchObject({
      authTokenUpdateStrategy: "DELETE",
      userGroupIds: [cacheUserIds("bavest-signals", "prod").group],
    });
  });

  it("waits two schedule intervals for a run and keeps an event no longer than one (items P4, P8)", () => {
    const heartbeat = f
      .ofType("aws:cloudwatch/metricAlarm:MetricAlarm")
      .find((alarm) => alarm.inputs.metricName === "SymbolsWritten");
    expect(heartbeat?.inputs).toMatchObject({
      period: 600,
      evaluationPeriods: 2,
      treatMissingData: "breaching",
    });
    expect(
      f.one("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig", "ingestion-async").inputs,
    ).toMatchObject({ maximumRetryAttempts: 0, maximumEventAgeInSeconds: 600 });
  });

  it("makes as many alarms as plan prices: two memory alarms, no bastion alarm (item P5)", () => {
    expect(f.ofType("aws:cloudwatch/metricAlarm:MetricAlarm")).toHaveLength(alarmCount(config).total);
    expect(alarmCount(config)).toMatchObject({ bastion: 0 });
  });

  it("alarms on the memory of every cache node", () => {
    const memory = f
      .ofType("aws:cloudwatch/metricAlarm:MetricAlarm")
      .filter((alarm) => alarm.inputs.metricName === "DatabaseMemoryUsagePercentage")
      .map((alarm) => (alarm.inputs.dimensions as { CacheClusterId: string }).CacheClusterId);
    expect(memory).toEqual(["signals-redis-id-001", "signals-redis-id-002"]);
    expect(result.outputs.region).toBe("eu-central-1");
  });
});
