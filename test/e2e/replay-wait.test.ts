import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { type DevProcess, startDevProcess } from "../helpers/devProcess.js";
import { eventually } from "../helpers/eventually.js";

// Runs the built CLI (`npm run build` first; npm test does): replay --wait against `dev --no-ingest`.
const quotes = fileURLToPath(new URL("../../fixtures/replay/quotes.jsonl", import.meta.url));
let dev: DevProcess;

async function replayWait(file: string, ...extra: string[]) {
  const run = await runCli(["replay", "--local", file, "--wait", "--json", ...extra], {
    env: { BAVEST_SIGNALS_HOME: dev.home },
  });
  return { ...run, json: run.stdout.trim() ? JSON.parse(run.stdout) : null };
}

beforeAll(async () => {
  dev = await startDevProcess(["--batching-window", "100ms", "--json"]);
}, 30_000);

afterAll(async () => {
  await dev?.stop("SIGKILL");
  await rm(dev.home, { recursive: true, force: true });
});

describe("replay --wait against dev", () => {
  it("reports every record stored, then the same file again as duplicates (exit 1: nothing stored)", async () => {
    const first = await replayWait(quotes);
    expect(first.code, first.stderr).toBe(0);
    expect(first.json).toMatchObject({
      records: 60,
      sent: 60,
      failed: 0,
      stored: 60,
      updated: 0,
      duplicates: 0,
      stale: 0,
      rejected: 0,
      notProcessed: 0,
    });
    expect(first.stderr).toMatch(/waiting for the pipeline: \d+ of 60 processed/);

    const second = await replayWait(quotes);
    expect(second.code).toBe(1);
    expect(second.json).toMatchObject({
      sent: 60,
      stored: 0,
      duplicates: 60,
      stale: 0,
      rejected: 0,
      failed: 0,
    });
    expect(second.stderr).toContain("stored none of the 60 record(s)");
    expect(second.stderr).toContain("60 already stored (duplicates)");
  });

  it("counts a record older than the history keeps as stale", async () => {
    const now = Math.floor(Date.now() / 1000);
    const line = (t: number, c: number) =>
      JSON.stringify({
        symbol: "STALE",
        fetchedAt: new Date().toISOString(),
        quote: { c, t, metrics: { eps: 2 } },
      });
    const file = join(dev.home, "stale.jsonl");
    // Same symbol, so one shard and in order: the newest first, then one 8 days older.
    await writeFile(file, `${[line(now, 30), line(now - 8 * 86_400, 20)].join("\n")}\n`);
    const run = await replayWait(file);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({
      sent: 2,
      stored: 1,
      stale: 1,
      rejected: 0,
      duplicates: 0,
      notProcessed: 0,
    });
    const text = await runCli(["replay", "--local", file, "--wait"], {
      env: { BAVEST_SIGNALS_HOME: dev.home },
    });
    expect(text.stdout).toContain(
      "Processed: stored 0, updated 0, duplicates 1, stale 1, rejected 0, failed 0.",
    );
    expect(text.code).toBe(1);
  });

  it("counts a correction at an existing observation time as updated, the same in replay, dev's line and status (exit 0)", async () => {
    const line = (c: number) =>
      JSON.stringify({
        symbol: "BMW.DE",
        fetchedAt: "2026-11-20T15:00:02.120Z",
        quote: { c, t: Math.floor(Date.now() / 1000) - 60, metrics: { eps: 9.6 }, currency: "EUR" },
      });
    const original = join(dev.home, "bmw.jsonl");
    const corrected = join(dev.home, "bmw-corrected.jsonl");
    await writeFile(original, `${line(84.1)}\n`);
    await writeFile(corrected, `${line(86.2)}\n`);
    expect((await replayWait(original)).json).toMatchObject({ stored: 1, updated: 0 });

    const run = await replayWait(corrected);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({
      sent: 1,
      stored: 0,
      updated: 1,
      duplicates: 0,
      stale: 0,
      notProcessed: 0,
    });
    const inspect = await runCli(["inspect", "--local", "BMW.DE", "--json"], {
      env: { BAVEST_SIGNALS_HOME: dev.home },
    });
    expect(JSON.parse(inspect.stdout).latest.price).toBe(86.2);
    await eventually(
      () => Promise.resolve(dev.stderr()),
      (stderr) => /1 records?\b.*\b0 stored\b.*\b1 updated\b.*\b0 duplicate\b/.test(stderr),
      { describe: () => dev.stderr() },
    );
    const status = await eventually(
      async () => {
        const result = await runCli(["status", "--local", "--json"], {
          env: { BAVEST_SIGNALS_HOME: dev.home },
        });
        return JSON.parse(result.stdout) as { processing: { windows: Record<string, { updated?: number }> } };
      },
      (report) => report.processing.windows["5m"]?.updated === 1,
      { intervalMs: 300, describe: () => dev.stderr() },
    );
    expect(status.processing.windows["5m"]?.updated).toBe(1);

    const again = await replayWait(corrected);
    expect(again.code).toBe(1);
    expect(again.json).toMatchObject({ stored: 0, updated: 0, duplicates: 1 });
  });
});
