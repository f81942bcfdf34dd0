import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/lib/errors.js";
import { defaultStackConfig, parseStackConfig } from "../../../src/stack/config.js";
import {
  NODE_TYPES,
  parseNodeType,
  parseRedisAuthToken,
  parseScheduleExpression,
  parseShardCount,
  parseSymbols,
} from "../../../src/stack/validators.js";

function usageErrorOf(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error("expected a UsageError");
}

describe("parseStackConfig", () => {
  it("fills in every default when nothing is set", () => {
    const config = defaultStackConfig();
    expect(config).toMatchObject({
      symbols: ["AAPL", "MSFT", "GOOGL", "AMZN", "NVDA"],
      apiUrl: "https://api.bavest.co/v0",
      region: "eu-central-1",
      schedule: "rate(5 minutes)",
      stream: { mode: "provisioned", shards: 1, retentionHours: 24 },
      cache: { nodeType: "cache.t3.micro", nodeCount: 1 },
      functions: { architecture: "arm64" },
      batch: { size: 100, windowSeconds: 1, bisectOnError: true, parallelizationFactor: 1 },
      alarms: { enabled: true, email: undefined },
      bastion: true,
      logRetentionDays: 14,
      existingNetwork: undefined,
      storage: { keyPrefix: "bavest", historyRetentionDays: 7, rejectedCap: 1000 },
    });
  });

  it("reads the flat Pulumi keys, normalising the watchlist", () => {
    const config = parseStackConfig({
      "bavest-signals:symbols": " aapl, bmw.de ,AAPL",
      "bavest-signals:shards": "2",
      "bavest-signals:streamMode": "on-demand",
      "bavest-signals:bastion": "false",
      "bavest-signals:alarmEmail": "ops@example.com",
      "aws:region": "eu-central-1",
    });
    expect(config.symbols).toEqual(["AAPL", "BMW.DE"]);
    expect(config.stream).toMatchObject({ shards: 2, mode: "on-demand" });
    expect(config.bastion).toBe(false);
    expect(config.alarms.email).toBe("ops@example.com");
    expect(config.region).toBe("eu-central-1");
  });

  it("names the key, the allowed values and the configure flag for a bad value", () => {
    const error = usageErrorOf(() => parseStackConfig({ "bavest-signals:shards": "x" }));
    expect(error.message).toBe(
      'Config "bavest-signals:shards" must be a whole number from 1 to 500 (got "x").',
    );
    expect(error.hint).toBe("Run: bavest-signals configure --shards 1");
    expect(error.exitCode).toBe(2);
  });

  it("rejects thresholds out of order", () => {
    const error = usageErrorOf(() => parseStackConfig({ "bavest-signals:holdBelow": "10" }));
    expect(error.message).toContain('"bavest-signals:holdBelow"');
    expect(error.message).toContain("bavest-signals:buyBelow");
  });

  it("needs private subnets with an existing VPC, and a public one while the bastion is on", () => {
    expect(
      usageErrorOf(() => parseStackConfig({ "bavest-signals:vpcId": "vpc-0123abcd" })).message,
    ).toContain("bavest-signals:privateSubnetIds");
    const withSubnets = {
      "bavest-signals:vpcId": "vpc-0123abcd",
      "bavest-signals:privateSubnetIds": "subnet-0123abcd,subnet-4567abcd",
    };
    expect(usageErrorOf(() => parseStackConfig(withSubnets)).message).toContain(
      "bavest-signals:publicSubnetId",
    );
    expect(parseStackConfig({ ...withSubnets, "bavest-signals:bastion": "off" }).existingNetwork).toEqual({
      vpcId: "vpc-0123abcd",
      privateSubnetIds: ["subnet-0123abcd", "subnet-4567abcd"],
      publicSubnetId: undefined,
    });
  });

  it("rejects a log retention CloudWatch does not offer", () => {
    expect(
      usageErrorOf(() => parseStackConfig({ "bavest-signals:logRetentionDays": "10" })).message,
    ).toContain("14");
  });
});

describe("validators for configure", () => {
  it.each([
    "rate(1 minute)",
    "rate(5 minutes)",
    "rate(2 hours)",
    "rate(1 day)",
    "cron(0/5 * * * ? *)",
    "cron(0 12 ? * MON-FRI *)",
  ])("accepts the schedule %s", (expression) => expect(parseScheduleExpression(expression)).toBe(expression));

  it.each([
    "rate(5 minute)",
    "rate(1 minutes)",
    "rate(0 minutes)",
    "rate(5 mins)",
    "cron(* * * *)",
    "every 5 minutes",
    "",
  ])("rejects the schedule %j", (expression) =>
    expect(() => parseScheduleExpression(expression)).toThrow(/rate\(value unit\)/),
  );

  // Finding 7: these passed the old check and failed only at deploy.
  it.each([
    ["cron(0 * * * * *)", "eventbridge-cron-question-mark"],
    ["cron(0 * ? * ? *)", "eventbridge-cron-question-mark"],
    ["cron(60 * * * ? *)", "eventbridge-cron-field"],
    ["cron(0 24 * * ? *)", "eventbridge-cron-field"],
    ["cron(0 0 32 * ? *)", "eventbridge-cron-field"],
    ["cron(0 0 ? 13 * *)", "eventbridge-cron-field"],
    ["cron(0 0 ? * 8 *)", "eventbridge-cron-field"],
    ["cron(0 0 ? * MON 1969)", "eventbridge-cron-field"],
    ["cron(0 ? * * ? *)", "eventbridge-cron-field"],
    ["cron(0 0 ? * 3#6 *)", "eventbridge-cron-field"],
    ["cron(0 0 ? * 3#1,6#3 *)", "eventbridge-cron-field"],
    ["rate(1 hours)", "eventbridge-rate-plural"],
    ["rate(5 hour)", "eventbridge-rate-plural"],
    ["rate(5 seconds)", "eventbridge-rate-unit"],
  ])("rejects %s by the rule %s", (expression, rule) =>
    expect(() => parseScheduleExpression(expression)).toThrow(`[rule ${rule}]`),
  );

  it.each([
    "cron(0 10 * * ? *)",
    "cron(15 12 * * ? *)",
    "cron(0 18 ? * MON-FRI *)",
    "cron(0 8 1 * ? *)",
    "cron(0/15 * * * ? *)",
    "cron(0/10 * ? * MON-FRI *)",
    "cron(0/5 8-17 ? * MON-FRI *)",
    "cron(0 9 ? * 2#1 *)",
    "cron(0 0 L * ? *)",
    "cron(0 0 3W * ? *)",
    "cron(0 0 ? * 6L *)",
    "cron(0 0 1 JAN,JUL ? 2027)",
  ])("accepts the documented example %s", (expression) =>
    expect(parseScheduleExpression(expression)).toBe(expression),
  );

  it("accepts the listed node types and nothing else", () => {
    expect(NODE_TYPES).toContain("cache.t4g.micro");
    expect(NODE_TYPES).toContain("cache.r7g.large");
    expect(parseNodeType("cache.m6g.xlarge")).toBe("cache.m6g.xlarge");
    expect(() => parseNodeType("cache.t2.micro")).toThrow(/cache\.t3/);
    expect(() => parseNodeType("t3.micro")).toThrow();
  });

  it("bounds the shard count", () => {
    expect(parseShardCount("500")).toBe(500);
    for (const bad of ["0", "501", "1.5", "-1", "two"])
      expect(() => parseShardCount(bad)).toThrow(/1 to 500/);
  });

  it("checks every watchlist symbol", () => {
    expect(parseSymbols("brk-b,^GSPC")).toEqual(["BRK-B", "^GSPC"]);
    expect(() => parseSymbols("AAPL,MS FT")).toThrow(/symbols/);
    expect(() => parseSymbols(" , ")).toThrow(/symbols/);
  });

  it("accepts only AUTH tokens ElastiCache accepts", () => {
    expect(parseRedisAuthToken("a-long-enough-token-1")).toBe("a-long-enough-token-1");
    for (const bad of [
      "short",
      "has space in the token",
      "has/slash/in/the/token",
      'has"quote"in-the-token',
      "has@at@in-the-token",
      // Finding 1: base64url's "_" is not one of ElastiCache's specials (! & # $ ^ < > -).
      "has_underscore_in_the_token",
      "has+plus+and=equals=token",
    ]) {
      expect(() => parseRedisAuthToken(bad)).toThrow(/16 to 128/);
    }
  });
});
