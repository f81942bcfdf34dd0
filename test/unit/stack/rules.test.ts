import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/lib/errors.js";
import {
  CONFIG_FIELDS,
  defaultStackConfig,
  parseStackConfig,
  type RawStackConfig,
} from "../../../src/stack/config.js";
import { shardQuota, shardQuotaRule } from "../../../src/stack/rules/configRules.js";
import { environmentBytes, estimatedEnvironments } from "../../../src/stack/rules/environmentSize.js";
import { errorsOf, refuseErrors, renderFinding, runRules } from "../../../src/stack/rules/index.js";
import { cacheUserIds } from "../../../src/stack/stackNames.js";
import { LOG_RETENTION_DAYS, NODE_TYPES } from "../../../src/stack/validators.js";

/** What configure does with flat config: validate every value, then refuse any rule error. */
function configureCheck(raw: RawStackConfig) {
  const config = parseStackConfig(raw);
  return { config, warnings: refuseErrors(runRules(config)) };
}

const key = (name: keyof typeof CONFIG_FIELDS) => CONFIG_FIELDS[name].key;
const symbol = fc.stringMatching(/^[A-Z0-9.\-^=_]{1,24}$/);

describe("the rules on the defaults", () => {
  it("find nothing: a fresh stack deploys", () => {
    expect(runRules(defaultStackConfig())).toEqual([]);
  });

  it("default to eu-central-1 (finding 8)", () => {
    expect(defaultStackConfig().region).toBe("eu-central-1");
  });
});

describe("each rule names its key, rule, fix and documentation", () => {
  it("refuses the shard count above the region's quota and warns above half of it (finding 8)", () => {
    const at = (region: string, shards: number) =>
      shardQuotaRule({
        ...defaultStackConfig(),
        region,
        stream: { mode: "provisioned", shards, retentionHours: 24 },
      });
    expect(shardQuota("us-east-1")).toBe(20_000);
    expect(shardQuota("eu-central-1")).toBe(1_000);
    expect(at("eu-central-1", 500)).toEqual([]);
    expect(at("eu-central-1", 501)[0]).toMatchObject({
      severity: "warning",
      key: key("shards"),
      rule: "kinesis-shard-quota",
    });
    expect(at("eu-central-1", 1001)[0]).toMatchObject({ severity: "error", key: key("shards") });
    expect(at("us-west-2", 1001)).toEqual([]);
    expect(at("eu-central-1", 1001)[0]?.docUrl).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/streams\//);
  });

  it("renders a finding with its rule, link and fix, and refuses errors as exit 2", () => {
    const config = parseStackConfig({ [key("maxRecordAgeSeconds")]: "90000" });
    const findings = runRules(config);
    expect(findings).toHaveLength(1);
    expect(renderFinding(findings[0] as never)).toMatch(
      /^error: bavest-signals:maxRecordAgeSeconds: .*\[record-age-within-retention, https:\/\/docs\.aws\.amazon\.com\/lambda\/.*\]\n {2}fix: Run: bavest-signals configure --max-record-age-seconds/,
    );
    const error = (() => {
      try {
        refuseErrors(findings);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
  });

  it("counts names and values as Lambda does, and keeps a 10,000-symbol watchlist out of the environment (finding 6)", () => {
    const symbols = Array.from({ length: 500 }, (_, i) => `SYM${String(i).padStart(5, "0")}`);
    // The seed's SYMBOLS variable alone: what made CreateFunction refuse 500 symbols.
    expect(environmentBytes({ SYMBOLS: symbols.join(",") })).toBeGreaterThan(4096);
    expect(environmentBytes({ AB: "cd", E: "" })).toBe(5);
    const large = Array.from({ length: 10_000 }, (_, i) => `SYM${String(i).padStart(5, "0")}`);
    const sizes = estimatedEnvironments({ ...defaultStackConfig(), symbols: large });
    expect(sizes.ingestion).toBeLessThan(4096);
    expect(sizes.processing).toBeLessThan(4096);
  });

  it("makes valid ElastiCache user ids from any stack name (id = name, group id lower case)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 80 }), (stack) => {
        const ids = cacheUserIds("bavest-signals", stack);
        const all = [ids.app, ids.disabledDefault, ids.tokenDefault, ids.group];
        for (const id of all) {
          expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
          expect(id.length).toBeLessThanOrEqual(40);
        }
        expect(new Set(all).size).toBe(4);
      }),
      { numRuns: 300 },
    );
  });

  it("gives stacks whose names slug alike, or the same stack in another project, different ids (item P7)", () => {
    const ids = (project: string, stack: string) => cacheUserIds(project, stack);
    expect(ids("bavest-signals", "dev-1").app).not.toBe(ids("bavest-signals", "dev_1").app);
    expect(ids("bavest-signals", "dev").group).not.toBe(ids("other-project", "dev").group);
    // Stable: the same project and stack always give the same ids (a deploy must not rename users).
    expect(ids("bavest-signals", "dev")).toEqual(ids("bavest-signals", "dev"));
    expect(ids("bavest-signals", "dev").app).toMatch(/^bavest-dev-[0-9a-f]{6}$/);
  });
});

/** Text for each setting across its whole allowed range (the validators' own bounds). */
const SETTING_VALUES: Partial<Record<keyof typeof CONFIG_FIELDS, fc.Arbitrary<string>>> = {
  symbols: fc.array(symbol, { minLength: 1, maxLength: 500 }).map((list) => list.join(",")),
  region: fc.constantFrom(
    "eu-central-1",
    "us-east-1",
    "us-west-2",
    "eu-west-1",
    "ap-southeast-2",
    "sa-east-1",
  ),
  schedule: fc.oneof(
    fc.integer({ min: 1, max: 1000 }).map((n) => `rate(${n} ${n === 1 ? "minute" : "minutes"})`),
    fc.integer({ min: 1, max: 48 }).map((n) => `rate(${n} ${n === 1 ? "hour" : "hours"})`),
    fc
      .tuple(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 23 }))
      .map(([m, h]) => `cron(${m} ${h} * * ? *)`),
  ),
  streamMode: fc.constantFrom("provisioned", "on-demand"),
  shards: fc.integer({ min: 1, max: 500 }).map(String),
  streamRetentionHours: fc.integer({ min: 24, max: 8760 }).map(String),
  historyRetentionDays: fc.integer({ min: 1, max: 365 }).map(String),
  nodeType: fc.constantFrom(...NODE_TYPES),
  nodeCount: fc.integer({ min: 1, max: 6 }).map(String),
  functionMemoryMb: fc.integer({ min: 128, max: 10_240 }).map(String),
  functionTimeoutSeconds: fc.integer({ min: 1, max: 900 }).map(String),
  batchSize: fc.integer({ min: 1, max: 10_000 }).map(String),
  batchWindowSeconds: fc.integer({ min: 0, max: 300 }).map(String),
  maxRetries: fc.integer({ min: 0, max: 10_000 }).map(String),
  maxRecordAgeSeconds: fc.integer({ min: 60, max: 604_800 }).map(String),
  parallelizationFactor: fc.integer({ min: 1, max: 10 }).map(String),
  alarms: fc.constantFrom("true", "false"),
  logRetentionDays: fc.constantFrom(...LOG_RETENTION_DAYS.map(String)),
  keyPrefix: fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/),
};

/** The rules that tie two settings together; any other refusal would mean a validator lets through what AWS refuses. */
const CROSS_SETTING_RULES = new Map([
  ["lambda-environment-4kb", key("symbols")],
  ["record-age-within-retention", key("maxRecordAgeSeconds")],
]);

describe("validators and rules agree (property tests)", () => {
  it("one setting anywhere in its range, the others default: only cross-setting rules may refuse", () => {
    const oneSetting = fc.oneof(
      ...Object.entries(SETTING_VALUES).map(([name, values]) =>
        (values as fc.Arbitrary<string>).map((value) => ({
          [key(name as keyof typeof CONFIG_FIELDS)]: value,
        })),
      ),
    );
    fc.assert(
      fc.property(oneSetting, (raw) => {
        const errors = errorsOf(runRules(parseStackConfig(raw)));
        for (const error of errors) expect(CROSS_SETTING_RULES.get(error.rule)).toBe(error.key);
      }),
      { numRuns: 400 },
    );
  });

  it("every setting at once: configure accepts exactly what keeps the environments under 4 KB and records within retention", () => {
    const everything = fc.record(
      Object.fromEntries(
        Object.entries(SETTING_VALUES).map(([name, values]) => [
          key(name as keyof typeof CONFIG_FIELDS),
          values,
        ]),
      ),
    ) as fc.Arbitrary<RawStackConfig>;
    fc.assert(
      fc.property(everything, (raw) => {
        const config = parseStackConfig(raw);
        const sizes = estimatedEnvironments(config);
        const shouldPass =
          sizes.ingestion <= 4096 &&
          sizes.processing <= 4096 &&
          config.batch.maxRecordAgeSeconds <= config.stream.retentionHours * 3600;
        let refused: unknown;
        try {
          configureCheck(raw);
        } catch (error) {
          refused = error;
        }
        expect(refused === undefined).toBe(shouldPass);
        if (refused) {
          expect(refused).toBeInstanceOf(UsageError);
          expect((refused as UsageError).message).toMatch(
            /^Config "bavest-signals:\w+" breaks AWS rule [a-z0-9-]+: /,
          );
          expect((refused as UsageError).hint).toMatch(/https:\/\/docs\.aws\.amazon\.com\//);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("the program rules (synth --check)", () => {
  const resource = (type: string, name: string, inputs: Record<string, unknown>) => ({
    type,
    name,
    parent: undefined,
    inputs,
    options: { dependsOn: [], ignoreChanges: [] },
  });

  it("flag each defect the review found in the old program", async () => {
    const { programFindings } = await import("../../../src/stack/rules/index.js");
    const old = {
      stack: "old",
      outputs: {},
      calls: [],
      resources: [
        resource("aws:lambda/function:Function", "processing-fn", {
          environment: { variables: { REDIS_AUTH_TOKEN: "[secret]", SYMBOLS: "A".repeat(4100) } },
        }),
        resource("aws:sns/topic:Topic", "monitoring-alarms", { kmsMasterKeyId: "alias/aws/sns" }),
        resource("aws:lambda/eventSourceMapping:EventSourceMapping", "processing-stream-mapping", {
          destinationConfig: { onFailure: { destinationArn: "arn:aws:sqs:eu-central-1:123456789012:dlq" } },
        }),
        resource("aws:cloudwatch/metricAlarm:MetricAlarm", "errors", { metricName: "Errors" }),
      ],
    };
    expect(
      programFindings(old)
        .map((f) => f.rule)
        .sort(),
    ).toEqual([
      "alarm-topic-customer-managed-key",
      "kinesis-on-failure-s3",
      "lambda-environment-4kb",
      "no-secret-in-lambda-environment",
      "redis-memory-alarm",
    ]);
  });
});
