import { describe, expect, it } from "vitest";
import { estimateMonthlyCost, renderCostEstimate, UNCONFIRMED_MARK } from "../../../src/plan/costEstimate.js";
import { figuresOf } from "../../../src/plan/priceConfidence.js";
import { HOURS_PER_MONTH, PRICE_TABLES, pricesFor, type RegionPrices } from "../../../src/plan/prices.js";
import { parseStackConfig } from "../../../src/stack/config.js";

const configFor = (region: string, values: Record<string, string> = {}) =>
  parseStackConfig({
    "aws:region": region,
    ...Object.fromEntries(Object.entries(values).map(([key, value]) => [`bavest-signals:${key}`, value])),
  });

/** The number at a dotted path such as `cacheNodeHour.cache.t3.micro` (keys may hold dots). */
function figureAt(table: RegionPrices, path: string): unknown {
  const [head, ...rest] = path.split(".");
  const value = (table as unknown as Record<string, unknown>)[head ?? ""];
  if (rest.length === 0) return value;
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const whole = rest.join(".");
  if (whole in record) return record[whole];
  return figureAt(record as unknown as RegionPrices, whole);
}

/** Configurations that between them produce every line the estimate knows. */
const variants: Record<string, string>[] = [
  {},
  { streamMode: "on-demand", bastion: "false", alarms: "false", architecture: "x86_64" },
  { streamRetentionHours: "48", nodeType: "cache.r7g.xlarge" },
];

describe("Frankfurt ElastiCache node-hours (vantage-sh/ec2instances.info cache data, 2022-02-13)", () => {
  it.each([
    ["cache.t3.small", 0.038],
    ["cache.t3.medium", 0.076],
    ["cache.t4g.medium", 0.072],
    ["cache.m6g.large", 0.177],
    ["cache.r6g.large", 0.247],
    ["cache.t3.micro", 0.019],
  ])("prices a %s node at $%s an hour", (nodeType, hourly) => {
    const estimate = estimateMonthlyCost(configFor("eu-central-1", { nodeType }));
    const line = estimate.lines.find((entry) => entry.item === `ElastiCache ${nodeType}`);
    expect(line?.monthlyUsd).toBeCloseTo(HOURS_PER_MONTH * hourly, 6);
  });
});

describe("which prices are confirmed", () => {
  it("lists only figures the table really has", () => {
    for (const table of Object.values(PRICE_TABLES))
      for (const path of table.unconfirmed) expect(typeof figureAt(table, path), path).toBe("number");
  });

  it("knows the figures behind every line, and each of them is in the table", () => {
    for (const table of Object.values(PRICE_TABLES))
      for (const values of variants) {
        const config = configFor(table.region, values);
        for (const line of estimateMonthlyCost(config).lines) {
          const figures = figuresOf(line.item, config, table);
          expect(figures, line.item).toBeDefined();
          for (const path of figures ?? []) expect(typeof figureAt(table, path), path).toBe("number");
        }
      }
  });

  it("marks the Frankfurt lines that rest on an unconfirmed price, and only those", () => {
    const estimate = estimateMonthlyCost(configFor("eu-central-1"));
    const marked = estimate.lines.filter((line) => line.unconfirmedPrice).map((line) => line.item);
    expect(marked).toEqual(
      expect.arrayContaining([
        "Kinesis shards",
        "Kinesis PUT payload units",
        "S3 failure bucket",
        "CloudWatch alarms",
        "Bastion EC2 t4g.nano",
      ]),
    );
    for (const item of [
      "ElastiCache cache.t3.micro",
      "Lambda (ingestion + processing)",
      "CloudWatch Logs ingestion",
    ])
      expect(marked).not.toContain(item);
    expect(estimate.priceBasis?.unconfirmed).toEqual(pricesFor("eu-central-1")?.unconfirmed);
  });

  it("marks a scaled node size by the figure it scales from", () => {
    const marked = (nodeType: string) =>
      estimateMonthlyCost(configFor("eu-central-1", { nodeType })).lines.find((line) =>
        line.item.startsWith("ElastiCache"),
      )?.unconfirmedPrice;
    expect(marked("cache.r7g.xlarge")).toBe(true);
    expect(marked("cache.r6g.xlarge")).toBeUndefined();
  });

  it("prints the mark beside each such line and names them under the estimate", () => {
    const text = renderCostEstimate(estimateMonthlyCost(configFor("eu-central-1")));
    const row = text.split("\n").find((line) => line.trimStart().startsWith("Kinesis shards"));
    expect(row).toContain(UNCONFIRMED_MARK);
    const note = text.split("\n").at(-1) ?? "";
    expect(note).toMatch(/no source checked confirms the price behind .*Kinesis shards.*S3 failure bucket/);
    expect(note).not.toContain("Lambda");
  });

  it("prints no mark for us-east-1, whose figures all come from the AWS pages", () => {
    const estimate = estimateMonthlyCost(configFor("us-east-1", { streamRetentionHours: "48" }));
    expect(estimate.lines.some((line) => line.unconfirmedPrice)).toBe(false);
    expect(renderCostEstimate(estimate)).not.toContain(UNCONFIRMED_MARK);
  });

  it("still prices Frankfurt above us-east-1 for the same stack", () => {
    const [eu, us] = ["eu-central-1", "us-east-1"].map((region) => estimateMonthlyCost(configFor(region)));
    expect(eu?.totalMonthlyUsd).toBeGreaterThan(us?.totalMonthlyUsd ?? Number.POSITIVE_INFINITY);
  });
});
