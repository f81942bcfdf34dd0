import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalKinesisClient } from "../../src/local/kinesisClient.js";
import type { LocalPipelineRecord } from "../../src/local/state.js";
import type { StatusReport } from "../../src/status/types.js";
import { BIN, runCli } from "../helpers/cli.js";
import { isAlive } from "../helpers/ports.js";

// Runs the built CLI (`npm run build` first): dev, then replay, poison records, a Redis outage, and status.
const FIXTURE = fileURLToPath(new URL("../../fixtures/sample.json", import.meta.url));
let home: string;
let dev: ChildProcess;
let record: LocalPipelineRecord;
let devStderr = "";

async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`not reached in time; last value: ${JSON.stringify(value)}\n${devStderr}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function status(): Promise<StatusReport> {
  const run = await runCli(["status", "--local", "--json"], { env: { BAVEST_SIGNALS_HOME: home } });
  if (run.code !== 0) throw new Error(`status exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as StatusReport;
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "bavest-status-e2e-"));
  dev = spawn(
    process.execPath,
    [BIN, "dev", "--no-ingest", "--batching-window", "100ms", "--max-retries", "0", "--json"],
    { env: { ...process.env, BAVEST_SIGNALS_HOME: home, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  dev.stderr?.on("data", (chunk) => {
    devStderr += chunk;
  });
  const recordFile = join(home, "local", "pipeline.json");
  await eventually(async () => existsSync(recordFile), Boolean, 30_000);
  record = JSON.parse(await readFile(recordFile, "utf8"));
}, 40_000);

afterAll(() => {
  if (dev.exitCode === null) dev.kill("SIGKILL");
  if (record?.redisPid && isAlive(record.redisPid)) process.kill(record.redisPid, "SIGKILL");
});

describe("status --local against a running dev", () => {
  it("reflects the records replayed and the poison records rejected, and is healthy", async () => {
    const replay = await runCli(["replay", "--local", FIXTURE, "--json"], {
      env: { BAVEST_SIGNALS_HOME: home },
    });
    expect(JSON.parse(replay.stdout)).toMatchObject({ sent: 21, failed: 0 });
    const client = await createLocalKinesisClient(record.kinesis_endpoint);
    await client.send(
      new PutRecordsCommand({
        StreamName: record.kinesis_stream_name,
        Records: [
          { PartitionKey: "POISON", Data: Buffer.from("{ not json") },
          { PartitionKey: "POISON", Data: Buffer.from(JSON.stringify({ schemaVersion: 9, symbol: "X" })) },
        ],
      }),
    );
    client.destroy();

    const report = await eventually(status, (r) => r.stream.windows["5m"].out === 23);

    expect(report.stream.windows["5m"]).toEqual({ in: 23, out: 23 });
    expect(report.processing.windows["5m"]).toMatchObject({
      stored: 21,
      rejected: 2,
      failed: 0,
      failedBatches: 0,
    });
    expect(report.processing.deadLetters).toBe(0);
    expect(report.redis).toMatchObject({ reachable: true, symbols: 7, health: "healthy" });
    expect(report.stream.shards).toBe(1);
    expect(report.ingestion).toMatchObject({ scheduled: false, health: "healthy" });
    expect(report.health).toBe("healthy");
  });

  it("reports degraded when Redis is stopped, and counts the records that then fail", async () => {
    process.kill(record.redisPid ?? -1, "SIGKILL");
    const down = await eventually(status, (r) => !r.redis.reachable);
    expect(down.redis.health).toBe("degraded");
    expect(down.health).toBe("degraded");
    expect(down.reason).toContain("redis: cannot read Redis");

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

    const failed = await eventually(status, (r) => r.processing.deadLetters === 3, 30_000);
    expect(failed.processing.windows["5m"]).toMatchObject({ stored: 21, rejected: 2, failed: 3 });
    expect(failed.processing.windows["5m"].failedBatches).toBeGreaterThanOrEqual(1);
    expect(failed.stream.windows["5m"]).toEqual({ in: 26, out: 26 });
    expect(failed.processing.health).toBe("degraded");
    expect(failed.health).toBe("degraded");

    const text = await runCli(["status", "--local"], { env: { BAVEST_SIGNALS_HOME: home } });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^degraded\s+redis\s+cannot read Redis/m);
    expect(text.stdout).toContain("5 min: ");
  }, 60_000);
});
