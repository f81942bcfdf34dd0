import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalKinesisClient } from "../../src/local/servers/kinesisClient.js";
import { runCli, cliJson as runCliJson } from "../helpers/cli.js";
import { type DevProcess, startDevProcess } from "../helpers/devProcess.js";
import { eventually } from "../helpers/eventually.js";
import { isAlive } from "../helpers/ports.js";

// Runs the built CLI (`npm run build` first; npm test does): dev, then replay and inspect against it.
const FIXTURE = fileURLToPath(new URL("../../fixtures/sample.json", import.meta.url));
let dev: DevProcess;

const cliJson = (args: string[]) => runCliJson(dev.home, args);

beforeAll(async () => {
  dev = await startDevProcess(["--batching-window", "100ms", "--json"]);
}, 30_000);

afterAll(() => dev?.stop("SIGKILL"));

describe("bavest-signals dev, end to end", () => {
  it("processes a replayed fixture into the Signals of the P/E rules", async () => {
    const replay = await cliJson(["replay", "--local", FIXTURE]);
    expect(replay.json).toMatchObject({ records: 24, sent: 24, failed: 0 });
    const aapl = (
      await eventually(
        () => cliJson(["inspect", "--local", "AAPL"]),
        (run) => (run.json as { history?: unknown[] } | null)?.history?.length === 3,
        { describe: dev.stderr },
      )
    ).json as { latest: Record<string, unknown> };
    expect(aapl.latest).toMatchObject({
      symbol: "AAPL",
      observedAt: "2025-11-20T15:10:00.000Z",
      price: 190.55,
      eps: 6.43,
      peRatio: 190.55 / 6.43,
      peSource: "computed",
      earningsYield: 6.43 / 190.55,
      category: "expensive",
      signal: "sell",
    });
    const rivn = (await cliJson(["inspect", "--local", "RIVN"])).json as { latest: Record<string, unknown> };
    expect(rivn.latest).toMatchObject({ peRatio: null, category: "negative_earnings", signal: "avoid" });
    const sap = (await cliJson(["inspect", "--local", "SAP.DE"])).json as { latest: Record<string, unknown> };
    expect(sap.latest).toMatchObject({
      peRatio: 21.9,
      peSource: "provider",
      category: "growth_stock",
      signal: "hold",
    });
    const brk = (await cliJson(["inspect", "--local", "BRK-B"])).json as {
      history: Array<Record<string, unknown>>;
    };
    expect(brk.history[2]).toMatchObject({ peRatio: null, category: "insufficient_data", signal: "unknown" });
  });

  it("quarantines poison records put straight on the stream and still processes the record after them", async () => {
    const client = await createLocalKinesisClient(dev.record.kinesis_endpoint);
    const good = {
      schemaVersion: 1,
      symbol: "AFTER",
      fetchedAt: "2026-01-01T00:00:00Z",
      quote: { c: 50, t: 1_767_225_600, metrics: { eps: 10 } },
    };
    await client.send(
      new PutRecordsCommand({
        StreamName: dev.record.kinesis_stream_name,
        Records: [
          { PartitionKey: "AFTER", Data: Buffer.from("{ definitely not json") },
          {
            PartitionKey: "AFTER",
            Data: Buffer.from(JSON.stringify({ ...good, symbol: "lower case is fine but spaces are not" })),
          },
          { PartitionKey: "AFTER", Data: Buffer.from(JSON.stringify(good)) },
        ],
      }),
    );
    client.destroy();
    const after = await eventually(
      () => cliJson(["inspect", "--local", "AFTER"]),
      (run) => run.code === 0,
      { describe: dev.stderr },
    );
    expect((after.json as { latest: Record<string, unknown> }).latest).toMatchObject({
      peRatio: 5,
      signal: "buy",
    });
    const rejected = (await cliJson(["inspect", "--local", "--rejected"])).json as {
      rejected: Array<{ partitionKey: string }>;
    };
    expect(rejected.rejected.filter((entry) => entry.partitionKey === "AFTER")).toHaveLength(2);
  });

  it("stops every process it started on SIGINT and removes its record", async () => {
    const exited = new Promise<number | null>((resolve) => dev.child.once("exit", (code) => resolve(code)));
    dev.child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(isAlive(dev.record.pid)).toBe(false);
    expect(dev.record.redisPid).toBeGreaterThan(0);
    expect(isAlive(dev.record.redisPid ?? -1)).toBe(false);
    expect(existsSync(join(dev.home, "local", "pipeline.json"))).toBe(false);
    const outputs = await runCli(["inspect", "--local", "--json"], {
      env: { BAVEST_SIGNALS_HOME: dev.home },
    });
    expect(outputs.code).toBe(1);
    expect(outputs.stderr).toContain("No local pipeline is running.");
  });
});
