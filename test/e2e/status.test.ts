import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalKinesisClient } from "../../src/local/servers/kinesisClient.js";
import type { StatusReport } from "../../src/status/types.js";
import { runCli } from "../helpers/cli.js";
import { type DevProcess, startDevProcess } from "../helpers/devProcess.js";
import { eventually } from "../helpers/eventually.js";

// Runs the built CLI (`npm run build` first): dev, then replay, poison records, a Redis outage, and status.
const FIXTURE = fileURLToPath(new URL("../../fixtures/sample.json", import.meta.url));
let dev: DevProcess;
let home: string;

/** Each poll runs the CLI: poll a little less often than the default, and show dev's lines on failure. */
const STATUS_POLLING = { intervalMs: 300, describe: () => dev.stderr() };

async function status(): Promise<StatusReport> {
  const run = await runCli(["status", "--local", "--json"], { env: { BAVEST_SIGNALS_HOME: home } });
  if (run.code !== 0) throw new Error(`status exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as StatusReport;
}

beforeAll(async () => {
  dev = await startDevProcess(["--batching-window", "100ms", "--max-retries", "0", "--json"]);
  home = dev.home;
}, 40_000);

afterAll(() => dev?.stop("SIGKILL"));

describe("status --local against a running dev", () => {
  it("reflects the records replayed and the poison records rejected, and is healthy", async () => {
    const replay = await runCli(["replay", "--local", FIXTURE, "--json"], {
      env: { BAVEST_SIGNALS_HOME: home },
    });
    expect(JSON.parse(replay.stdout)).toMatchObject({ sent: 24, failed: 0 });
    const client = await createLocalKinesisClient(dev.record.kinesis_endpoint);
    await client.send(
      new PutRecordsCommand({
        StreamName: dev.record.kinesis_stream_name,
        Records: [
          { PartitionKey: "POISON", Data: Buffer.from("{ not json") },
          { PartitionKey: "POISON", Data: Buffer.from(JSON.stringify({ schemaVersion: 9, symbol: "X" })) },
        ],
      }),
    );
    client.destroy();

    const report = await eventually(status, (r) => r.stream.windows["5m"].out === 26, STATUS_POLLING);

    expect(report.stream.windows["5m"]).toEqual({ in: 26, out: 26 });
    expect(report.processing.windows["5m"]).toMatchObject({
      stored: 24,
      rejected: 2,
      failed: 0,
      failedBatches: 0,
    });
    expect(report.processing.deadLetters).toBe(0);
    expect(report.redis).toMatchObject({ reachable: true, symbols: 8, health: "healthy" });
    expect(report.stream.shards).toBe(1);
    expect(report.ingestion).toMatchObject({ scheduled: false, health: "healthy" });
    expect(report.health).toBe("healthy");
  });

  it("when dev's redis-server dies, dev says so, restarts it over its append-only file, and nothing is lost", async () => {
    const before = dev.record.redisPid ?? -1;
    process.kill(before, "SIGKILL");
    await eventually(
      async () => dev.stderr(),
      (text) =>
        /redis-server died \(process \d+ killed by SIGKILL\)/.test(text) && /redis-server is back/.test(text),
      STATUS_POLLING,
    );
    expect(dev.stderr()).toMatch(/nothing lost/);
    const lines = ["LATE1", "LATE2", "LATE3"].map((symbol) =>
      JSON.stringify({
        symbol,
        fetchedAt: "2026-01-01T00:00:00Z",
        quote: { c: 10, t: 1_767_225_600, metrics: { eps: 1 } },
      }),
    );
    const file = join(home, "late.jsonl");
    await writeFile(file, `${lines.join("\n")}\n`);
    await runCli(["replay", "--local", file, "--json"], { env: { BAVEST_SIGNALS_HOME: home } });
    const after = await eventually(
      status,
      (r) => r.redis.symbols === 11 && r.processing.windows["5m"].stored === 27,
      STATUS_POLLING,
    );
    expect(after.redis).toMatchObject({ reachable: true, health: "healthy" });
    expect(after.processing.windows["5m"]).toMatchObject({ stored: 27, rejected: 2 });
    expect(after.processing.deadLetters).toBe(0);
    const text = await runCli(["status", "--local"], { env: { BAVEST_SIGNALS_HOME: home } });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("5 min: ");
  }, 60_000);

  it("counts a replay of the same records as duplicates, not as stored, in status and dev's batch lines", async () => {
    const replay = await runCli(["replay", "--local", FIXTURE, "--json"], {
      env: { BAVEST_SIGNALS_HOME: home },
    });
    expect(JSON.parse(replay.stdout)).toMatchObject({ sent: 24 });
    const report = await eventually(
      status,
      (r) => r.processing.windows["5m"].duplicates === 24,
      STATUS_POLLING,
    );
    expect(report.processing.windows["5m"]).toMatchObject({ stored: 27, duplicates: 24, stale: 0 });
    expect(dev.stderr()).toMatch(/\b[1-9]\d* duplicate\b/);
  });
});
