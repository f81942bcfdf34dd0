import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { BIN, runCli } from "../helpers/cli.js";
import { type DevProcess, startDevProcess } from "../helpers/devProcess.js";
import { eventually } from "../helpers/eventually.js";

// Runs the built CLI (`npm run build` first): dev, a replayed batch, then logs and logs --follow.
const FIXTURE = fileURLToPath(new URL("../../fixtures/sample.json", import.meta.url));
let dev: DevProcess;
let home: string;

const env = () => ({ BAVEST_SIGNALS_HOME: home });
const batchSizes = (jsonLines: string) =>
  jsonLines
    .split("\n")
    .filter((line) => line.includes('"Batch processed"'))
    .map((line) => (JSON.parse(line) as { records: number }).records);
const batchRecords = (jsonLines: string) =>
  jsonLines
    .split("\n")
    .filter((line) => line.includes('"Batch processed"'))
    .reduce((sum, line) => sum + (JSON.parse(line) as { records: number }).records, 0);

beforeAll(async () => {
  dev = await startDevProcess(["--batching-window", "100ms", "--json"]);
  home = dev.home;
}, 40_000);

afterAll(() => dev?.stop("SIGKILL"));

describe("logs --local against a running dev", () => {
  it("shows the lines of a batch just processed, readable and as JSON", async () => {
    await runCli(["replay", "--local", FIXTURE, "--json"], { env: env() });

    const json = await eventually(
      () => runCli(["logs", "--local", "processing", "--json"], { env: env() }),
      (run) => batchRecords(run.stdout) === 24,
    );
    for (const line of json.stdout.trim().split("\n")) expect(() => JSON.parse(line)).not.toThrow();
    const text = await runCli(["logs", "--local", "processing", "--filter", "Batch processed"], {
      env: env(),
    });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^\S+Z INFO {2}Batch processed {2}records=\d+ stored=\d+ updated=0 duplicates=\d+ stale=\d+ rejected=0/m,
    );
    // --filter ignores case: what a user types in lower case finds the same lines.
    const lower = await runCli(["logs", "--local", "processing", "--filter", "batch PROCESSED"], {
      env: env(),
    });
    expect(lower.code).toBe(0);
    expect(lower.stdout).toBe(text.stdout);
    const none = await runCli(["logs", "--local", "ingestion"], { env: env() });
    expect(none.stdout).toBe("");
    expect(none.stderr).toContain("No log lines since");
  });

  it("follows new lines until Ctrl-C", async () => {
    const follower = spawn(
      process.execPath,
      [BIN, "logs", "--local", "--follow", "--json", "--since", "1s"],
      {
        env: { ...process.env, ...env(), NO_COLOR: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    // Whatever happens below, no follower outlives the test.
    onTestFinished(() => {
      if (follower.exitCode === null && follower.signalCode === null) follower.kill("SIGKILL");
    });
    let out = "";
    let err = "";
    follower.stdout?.on("data", (chunk) => {
      out += chunk;
    });
    follower.stderr?.on("data", (chunk) => {
      err += chunk;
    });
    // Replay only once the follower has printed the existing lines and begun to follow.
    await eventually(
      async () => err,
      (text) => text.includes("Following new lines"),
    );
    const file = join(home, "followed.jsonl");
    const envelope = {
      symbol: "FOLLOWED",
      fetchedAt: "2026-01-01T00:00:00Z",
      quote: { c: 30, t: 1_767_225_600, metrics: { eps: 2 } },
    };
    await writeFile(file, `${JSON.stringify(envelope)}\n`);
    await runCli(["replay", "--local", file, "--json"], { env: env() });

    // The followed batch is the only one of a single record (the first test's had 24).
    await eventually(
      async () => out,
      (text) => batchSizes(text).includes(1),
    );
    const exited = new Promise<number | null>((resolve) => follower.once("exit", (code) => resolve(code)));
    follower.kill("SIGINT");
    expect(await exited).toBe(0);
  }, 40_000);
});
