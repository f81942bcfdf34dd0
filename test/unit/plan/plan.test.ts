import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assessCapacity, capacityWarnings } from "../../../src/plan/capacity.js";
import { estimateMonthlyCost } from "../../../src/plan/costEstimate.js";
import { PRICE_TABLES } from "../../../src/plan/prices.js";
import { planDocument, runPlan } from "../../../src/plan/runPlan.js";
import { parseStackConfig } from "../../../src/stack/config.js";

const dir = mkdtempSync(join(tmpdir(), "plan-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const symbols = (n: number) =>
  Array.from({ length: n }, (_, i) => `S${String(i).padStart(5, "0")}`).join(",");
const noFile = join(dir, "Pulumi.none.yaml");

describe("plan --json", () => {
  it("prices the same stack differently in eu-central-1 and us-east-1, with a public IPv4 line", () => {
    const [eu, us] = ["eu-central-1", "us-east-1"].map((region) =>
      planDocument(runPlan({ stack: "s", stackFile: noFile, values: { region, symbols: symbols(5) } })),
    );
    expect(eu?.region).toBe("eu-central-1");
    expect(eu?.monthlyUsd).not.toBe(us?.monthlyUsd);
    expect(eu?.monthlyUsd).toBeGreaterThan(0);
    const ipv4 = eu?.lines.find((line) => /public IPv4/.test(line.item));
    // Started on demand and stopped when idle: paid only while it runs (about 40 h a month).
    expect(ipv4?.monthlyUsd).toBeCloseTo(40 * 0.005, 2);
    expect(Object.keys(eu ?? {}).sort()).toEqual(["capacity", "lines", "monthlyUsd", "region", "stack"]);
  });

  it("says that 5,000 symbols kept 7 days do not fit a cache.t3.micro, and names a node type that does", () => {
    const plan = runPlan({
      stack: "s",
      stackFile: noFile,
      values: { symbols: symbols(5000), nodeType: "cache.t3.micro", historyRetentionDays: "7" },
    });
    const doc = planDocument(plan);
    expect(doc.capacity.redis.fits).toBe(false);
    expect(doc.capacity.redis.neededBytes).toBeGreaterThan(doc.capacity.redis.usableBytes ?? 0);
    expect(plan.fits).toBe(false);
    expect(plan.capacity.redis.fix).toMatch(/--node-type cache\.m6g\.large/);
  });

  it("fits the defaults, and reads the stack file when there is one", () => {
    const file = join(dir, "Pulumi.small.yaml");
    writeFileSync(file, "config:\n  aws:region: eu-central-1\n  bavest-signals:symbols: AAPL,MSFT\n");
    const plan = runPlan({ stack: "small", stackFile: file, values: {} });
    expect(plan.config.region).toBe("eu-central-1");
    expect(plan.config.symbols).toEqual(["AAPL", "MSFT"]);
    expect(plan.fits).toBe(true);
  });

  it("lists a region without a table without borrowing another region's prices", () => {
    const doc = planDocument(runPlan({ stack: "s", stackFile: noFile, values: { region: "ap-south-1" } }));
    expect(doc.monthlyUsd).toBeNull();
    expect(doc.lines.length).toBeGreaterThan(0);
    expect(doc.lines.every((line) => line.monthlyUsd === null)).toBe(true);
  });
});

describe("capacity verdicts", () => {
  it("names the retention that fits when a shorter history is enough", () => {
    const config = parseStackConfig({
      "bavest-signals:symbols": symbols(200),
      "bavest-signals:historyRetentionDays": "30",
    });
    const capacity = assessCapacity(config);
    expect(capacity.redis.fits).toBe(false);
    expect(capacity.redis.fix).toMatch(/--history-retention-days \d+/);
  });

  it("fails ingestion bound by the plan's rate and names a rate that fits", () => {
    const config = parseStackConfig({
      "bavest-signals:symbols": symbols(2000),
      "bavest-signals:bavestRequestsPerSecond": "5",
    });
    const capacity = assessCapacity(config);
    expect(capacity.ingestion.fits).toBe(false);
    expect(capacity.ingestion.secondsPerRun).toBeGreaterThanOrEqual(2000 / 5);
    const rate = Number(/--bavest-requests-per-second (\d+)/.exec(capacity.ingestion.fix ?? "")?.[1]);
    const fixed = assessCapacity(
      parseStackConfig({
        "bavest-signals:symbols": symbols(2000),
        "bavest-signals:bavestRequestsPerSecond": String(rate),
      }),
    );
    expect(fixed.ingestion.fits).toBe(true);
  });

  it("fans a watchlist out into slices whose inputs stay under 8 KB", () => {
    const config = parseStackConfig({
      "bavest-signals:symbols": symbols(10_000),
      "bavest-signals:bavestRequestsPerSecond": "200",
    });
    const { ingestionPlan } = assessCapacity(config);
    expect(ingestionPlan.slices.flat()).toEqual(config.symbols);
    for (const slice of ingestionPlan.slices)
      expect(JSON.stringify({ symbols: slice }).length).toBeLessThanOrEqual(8192);
    expect(ingestionPlan.rateShare * ingestionPlan.slices.length).toBeCloseTo(200);
  });

  it("asks for more shards when a run's records exceed a shard's 1,000 records/s", () => {
    const config = parseStackConfig({
      "bavest-signals:symbols": symbols(10_000),
      "bavest-signals:bavestRequestsPerSecond": "5000",
      "bavest-signals:functionTimeoutSeconds": "300",
    });
    const capacity = assessCapacity(config, { latencyMs: 20 });
    expect(capacity.shards.needed).toBeGreaterThan(1);
    expect(capacity.shards.fits).toBe(false);
    expect(capacity.shards.fix).toBe(`Run: bavest-signals configure --shards ${capacity.shards.needed}`);
  });
});

describe("prices", () => {
  it("has a table for the default region and prices the bastion's address and the KMS key", () => {
    const config = parseStackConfig({ "aws:region": "eu-central-1" });
    const estimate = estimateMonthlyCost(config);
    expect(estimate.priceBasis?.region).toBe("eu-central-1");
    expect(estimate.lines.map((line) => line.item)).toEqual(
      expect.arrayContaining([
        "Bastion public IPv4 address",
        "KMS key (alarm topic)",
        "CloudWatch dashboard",
        "S3 failure bucket",
      ]),
    );
    expect(Object.keys(PRICE_TABLES)).toEqual(expect.arrayContaining(["us-east-1", "eu-central-1"]));
  });

  it("warns configure and deploy with each verdict that does not fit, and its fix", () => {
    const config = parseStackConfig({ "bavest-signals:symbols": symbols(5000) });
    const warnings = capacityWarnings(config);
    expect(warnings[0]).toMatch(/^Redis memory does not fit: .*--node-type cache\.m6g\.large/);
    expect(warnings.some((w) => w.startsWith("An ingestion run does not fit"))).toBe(true);
    expect(capacityWarnings(parseStackConfig({}))).toEqual([]);
  });
});
