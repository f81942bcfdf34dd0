import { afterEach, describe, expect, it, vi } from "vitest";
import { createProcessingHandler } from "../../../src/lambdas/processing/handler.js";
import {
  type BatchCounts,
  emfMetrics,
  processingMetricValues,
  withIngestionMetrics,
} from "../../../src/lambdas/shared/metrics.js";

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

afterEach(() => vi.restoreAllMocks());

describe("the pipeline's CloudWatch metrics (finding 4)", () => {
  it("turn a batch's counts into the SEAMS names: stored, updated, duplicate, stale, rejected, failed, P/E disagreements", () => {
    const counts: BatchCounts = {
      stored: 6,
      updated: 1,
      duplicates: 2,
      stale: 1,
      rejected: 3,
      failed: 4,
      peDisagreements: 5,
    };
    expect(processingMetricValues(counts)).toEqual({
      RecordsStored: 6,
      RecordsUpdated: 1,
      RecordsDuplicate: 2,
      RecordsStale: 1,
      RecordsRejected: 3,
      RecordsFailed: 4,
      PeRatioDisagreements: 5,
    });
  });

  it("count failed records of a batch that never throws (Redis down: every record a batchItemFailure)", async () => {
    const published: Record<string, number>[] = [];
    // A Redis client whose every script call fails, as during an outage.
    const failing = new Proxy(
      {},
      {
        get: (_target, name) =>
          name === "then" ? undefined : () => Promise.reject(new Error("Connection is closed.")),
      },
    );
    const handler = createProcessingHandler({
      redis: failing as never,
      logger: quiet,
      settings: {
        keyPrefix: "bavest",
        retentionSeconds: 86_400,
        rejectedCap: 10,
        thresholds: {
          undervaluedBelow: 15,
          fairValueBelow: 25,
          growthBelow: 40,
          expensiveBelow: 60,
          buyBelow: 20,
          holdBelow: 35,
        },
      },
      onBatch: (counts) => published.push(processingMetricValues(counts)),
    });
    const record = (n: number) => ({
      kinesis: {
        data: Buffer.from(
          JSON.stringify({
            schemaVersion: 1,
            source: "bavest",
            symbol: "AAPL",
            fetchedAt: "2026-11-30T10:00:00Z",
            quote: { symbol: "AAPL", price: 100 + n, eps: 5, timestamp: 1_796_000_000 + n },
          }),
        ).toString("base64"),
        sequenceNumber: String(n),
        partitionKey: "AAPL",
      },
      eventID: `shardId-000000000000:${n}`,
    });

    const response = await handler({ Records: [record(1), record(2)] } as never);

    expect(response.batchItemFailures.length).toBeGreaterThan(0);
    expect(published).toEqual([
      expect.objectContaining({ RecordsFailed: response.batchItemFailures.length }),
    ]);
  });

  it("publish SymbolsWritten and SymbolsFailed for each ingestion run, also one that throws", async () => {
    const published: Record<string, number>[] = [];
    const ok = withIngestionMetrics(
      async () => ({ written: 4, failures: [{}] }),
      (c) => published.push(c),
    );
    const failed = withIngestionMetrics(
      async () => {
        throw Object.assign(new Error("2 of 5 quotes could not be written"), {
          summary: { written: 3, failures: [{}, {}] },
        });
      },
      (c) => published.push(c),
    );
    const broken = withIngestionMetrics(
      async (): Promise<{ written: number; failures: unknown[] }> => {
        throw new Error("API key is invalid");
      },
      (c) => published.push(c),
    );

    await ok();
    await expect(failed()).rejects.toThrow("could not be written");
    await expect(broken()).rejects.toThrow("API key");

    expect(published).toEqual([
      { SymbolsWritten: 4, SymbolsFailed: 1 },
      { SymbolsWritten: 3, SymbolsFailed: 2 },
      { SymbolsWritten: 0, SymbolsFailed: 0 },
    ]);
  });

  it("write Embedded Metric Format in namespace BavestSignals with the service dimension, only inside Lambda", () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    });
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));

    emfMetrics("processing", {})({ RecordsFailed: 1 });
    expect(lines).toEqual([]);
    emfMetrics("processing", { AWS_EXECUTION_ENV: "AWS_Lambda_nodejs22.x" })({
      RecordsFailed: 3,
      RecordsStored: 7,
    });

    const emf = JSON.parse(lines.find((line) => line.includes("_aws")) ?? "{}");
    expect(emf._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: "BavestSignals",
      Dimensions: [["service"]],
      Metrics: expect.arrayContaining([{ Name: "RecordsFailed", Unit: "Count" }]),
    });
    expect(emf).toMatchObject({ service: "processing", RecordsFailed: 3, RecordsStored: 7 });
  });
});

describe("the processing function's Redis settings", () => {
  it("read IAM authentication from REDIS_AUTH=iam, and keep REDIS_AUTH_TOKEN for a self-run Redis", async () => {
    const { readRedisSettings } = await import("../../../src/lambdas/processing/settings.js");
    const iam = {
      REDIS_HOST: "h",
      REDIS_AUTH: "iam",
      REDIS_USER: "bavest-dev",
      REDIS_CACHE_NAME: "signals-redis-1",
      AWS_REGION: "eu-central-1",
    };

    expect(readRedisSettings(iam).iam).toEqual({
      userId: "bavest-dev",
      cacheName: "signals-redis-1",
      region: "eu-central-1",
    });
    expect(readRedisSettings({ REDIS_HOST: "h" }).iam).toBeUndefined();
    expect(readRedisSettings({ REDIS_HOST: "h", REDIS_AUTH_TOKEN: "t" })).toMatchObject({ authToken: "t" });
    expect(() => readRedisSettings({ ...iam, REDIS_USER: "" })).toThrow("REDIS_USER");
    expect(() => readRedisSettings({ ...iam, REDIS_AUTH: "kerberos" })).toThrow('REDIS_AUTH="kerberos"');
  });
});
