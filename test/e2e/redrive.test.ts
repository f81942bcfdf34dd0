import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis, type RedisOptions } from "ioredis";
import { describe, expect, it } from "vitest";
import { deadLetterMetaFile } from "../../src/local/mapping/deadLetter.js";
import { cliJson } from "../helpers/cli.js";
import { startDevProcess } from "../helpers/devProcess.js";
import { eventually } from "../helpers/eventually.js";
import { startRedis } from "../helpers/redis.js";
import { stopAfterEach } from "../helpers/stopAfterEach.js";
import {
  expectedHistory,
  historyMismatches,
  jsonLines,
  observations,
} from "../reliability/support/observations.js";

const own = stopAfterEach();
/** The processing part of a `status --json` document. */
const processingOf = (document: unknown) =>
  ((document as { processing?: { health?: string; reason?: string } } | null)?.processing ?? {}) as {
    health?: string;
    reason?: string;
  };
const startDev = async (...args: Parameters<typeof startDevProcess>) =>
  own(await startDevProcess(...args), (dev) => dev.stop());
const ownClient = (url: string, options: RedisOptions) =>
  own(new Redis(url, options), (client) => client.disconnect());

describe("redrive --local", () => {
  it("brings every record dead-lettered while Redis was gone into Redis once it is back", async () => {
    // The test owns this redis-server, so it can take it away from dev and bring it back.
    const redis = own(await startRedis(), (server) => server.stop());
    const home = await mkdtemp(join(tmpdir(), "bavest-redrive-"));
    const dev = await startDev(
      ["--redis-url", redis.url, "--batching-window", "100ms", "--batch-size", "10", "--max-retries", "1"],
      { home },
    );
    const records = observations(["AAPL", "MSFT", "NVDA"], 30);
    const file = join(home, "quotes.jsonl");
    await writeFile(file, jsonLines(records));
    await redis.stop();

    const sent = await cliJson(home, ["replay", "--local", file]);
    const deadLetterFile = dev.record.deadLetterFile;
    await eventually(
      async () =>
        existsSync(deadLetterFile) ? (await readFile(deadLetterFile, "utf8")).trim().split("\n") : [],
      (lines) => lines.length === records.length,
      { timeoutMs: 30_000, describe: () => dev.stderr() ?? "" },
    );
    await redis.restart();
    const before = await cliJson(home, ["status", "--local"]);
    expect(before.code).toBe(1);
    expect(before.stderr).toContain(
      "See what happened: bavest-signals logs processing --local --json --since 15m",
    );
    expect(processingOf(before.json).reason).toContain("30 record(s) went to the dead letter in 5 min");
    const client = ownClient(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    // Nothing of it reached Redis (which keeps no data across the restart): only the redrive can.
    expect(await client.dbsize()).toBe(0);
    const redriveStarted = Date.now();
    const redriven = await cliJson(home, ["redrive", "--local", "--yes"]);

    expect(sent.json).toMatchObject({ records: 30, sent: 30, failed: 0 });
    expect(redriven.code).toBe(0);
    expect(redriven.json).toMatchObject({
      status: "redriven",
      records: 30,
      resent: 30,
      failed: 0,
      items: "line(s) of dead-letter.jsonl",
      removed: 30,
      kept: 0,
      unrecoverable: [],
    });
    expect(existsSync(deadLetterFile)).toBe(false);
    expect(existsSync(deadLetterMetaFile(deadLetterFile))).toBe(false);
    // The dead letters of the last 5 minutes were redriven: status no longer fails for them.
    const status = await cliJson(home, ["status", "--local"]);
    expect(processingOf(status.json).reason, status.stderr).toContain("were redriven");
    expect(processingOf(status.json).health).not.toBe("failing");
    expect(status.code, JSON.stringify(status.json)).toBe(0);
    await eventually(
      () => historyMismatches(client, expectedHistory(records)),
      (problems) => problems.length === 0,
      { timeoutMs: 30_000, describe: () => dev.stderr() ?? "" },
    );
    console.info(
      `redrive: 30 dead-lettered records stored ${Date.now() - redriveStarted} ms after redrive started`,
    );
  }, 90_000);

  it("refuses without a terminal unless --yes, and leaves the file alone", async () => {
    const redis = own(await startRedis(), (server) => server.stop());
    const home = await mkdtemp(join(tmpdir(), "bavest-redrive-"));
    const dev = await startDev(["--redis-url", redis.url], { home });
    await writeFile(dev.record.deadLetterFile, `${jsonLines(observations(["AAPL"], 2))}`);

    const refused = await cliJson(home, ["redrive", "--local"]);

    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      error: { message: expect.stringContaining("Refusing to redrive"), exitCode: 1 },
    });
    expect(refused.stderr).toContain("Refusing to redrive without confirmation");
    expect(refused.stderr).toContain("bavest-signals redrive --local --json --yes");
    expect((await readFile(dev.record.deadLetterFile, "utf8")).trim().split("\n")).toHaveLength(2);
  }, 60_000);
});
