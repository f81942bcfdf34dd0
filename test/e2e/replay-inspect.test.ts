import { readFile, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { type DevProcess, startDevProcess } from "../helpers/devProcess.js";
import { eventually } from "../helpers/eventually.js";

// Runs the built CLI (`npm run build` first; npm test does): replay, inspect and outputs against `dev`.
const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/replay/${name}`, import.meta.url));
let dev: DevProcess;
let home: string;

async function cli(args: string[], input?: string) {
  return runCli(args, { env: { BAVEST_SIGNALS_HOME: home }, ...(input !== undefined ? { input } : {}) });
}

async function cliJson(args: string[], input?: string) {
  const run = await cli([...args, "--json"], input);
  return { ...run, json: run.stdout.trim() ? JSON.parse(run.stdout) : null };
}

beforeAll(async () => {
  dev = await startDevProcess(["--batching-window", "100ms", "--json"]);
  home = dev.home;
}, 30_000);

afterAll(async () => {
  await dev?.stop("SIGKILL");
  await rm(home, { recursive: true, force: true });
});

describe("replay, inspect and outputs against dev", () => {
  it("prints the local outputs with exactly the contract's keys", async () => {
    const run = await cliJson(["outputs", "--local"]);
    expect(run.code).toBe(0);
    expect(Object.keys(run.json).sort()).toEqual([
      "bavest_api_url",
      "kinesis_endpoint",
      "kinesis_stream_name",
      "redis_primary_endpoint",
      "redis_url",
    ]);
    expect(run.json.redis_url).toBe(dev.record.redis_url);
  });

  it("sends nothing from a file with a bad record, and says which line", async () => {
    const run = await cliJson(["replay", "--local", fixture("wrong-types.jsonl")]);
    expect(run.code).toBe(1);
    // Under --json the failure is the one document on stdout, naming the lines as stderr does.
    expect((run.json as { error: { message: string; exitCode: number } }).error).toMatchObject({
      message: expect.stringContaining("line 3: quote of SAP is missing or not an object"),
      exitCode: 1,
    });
    expect(run.stderr).toContain("line 3: quote of SAP is missing or not an object");
    expect(run.stderr).toContain("line 4: symbol 42 is not 1-24 characters");
    expect((await cliJson(["inspect", "--local"])).json).toEqual({ symbols: [], latest: [] });
  });

  it("replays JSON Lines into Signals that inspect shows, with history and chart", async () => {
    const replay = await cliJson(["replay", "--local", fixture("quotes.jsonl")]);
    expect(replay.json).toMatchObject({ records: 60, sent: 60, failed: 0, skipped: 0 });
    const aapl = await eventually(
      () => cliJson(["inspect", "--local", "AAPL"]),
      (run) => run.json?.history?.length === 12,
    );
    expect(aapl.json.latest).toMatchObject({ symbol: "AAPL", observedAt: "2025-11-20T15:55:00.000Z" });
    const text = await cli(["inspect", "--local", "aapl", "--limit", "5"]);
    expect(text.stdout).toContain("History, newest first (5)");
    expect(text.stdout).toContain("P/E over time");
    const all = await cliJson(["inspect", "--local"]);
    expect(all.json.symbols).toEqual(["AAPL", "BMW.DE", "MSFT", "NFLX", "SAP"]);
    expect(all.json.latest.map((s: { symbol: string }) => s.symbol)).toEqual(all.json.symbols);
  });

  it("reads a Kinesis event from stdin, the same records again changing nothing", async () => {
    const before = (await cliJson(["inspect", "--local", "MSFT"])).json;
    const run = await cliJson(
      ["replay", "--local", "-"],
      await readFile(fixture("kinesis-event.json"), "utf8"),
    );
    expect(run.json).toMatchObject({ records: 5, sent: 5 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await cliJson(["inspect", "--local", "MSFT"])).json).toEqual(before);
  });

  it("exits 1 for an unknown symbol, listing the tracked ones", async () => {
    const run = await cli(["inspect", "--local", "TSLA"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("No signals for TSLA. Tracked symbols: AAPL, BMW.DE, MSFT, NFLX, SAP.");
  });

  it("says nothing runs once dev has stopped", async () => {
    const exited = new Promise((resolve) => dev.child.once("exit", resolve));
    dev.child.kill("SIGINT");
    await exited;
    const outputs = await cli(["outputs", "--local"]);
    expect(outputs.code).toBe(1);
    expect(outputs.stderr).toContain("No local pipeline is running.");
    const replay = await cli(["replay", "--local", fixture("quotes.json")]);
    expect(replay.code).toBe(1);
    expect(replay.stderr).toContain("bavest-signals dev");
  });
});
