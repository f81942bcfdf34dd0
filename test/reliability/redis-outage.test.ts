import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis, type RedisOptions } from "ioredis";
import { describe, expect, it } from "vitest";
import { cliJson } from "../helpers/cli.js";
import { startDevProcess } from "../helpers/devProcess.js";
import { eventually } from "../helpers/eventually.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";
import { stopAfterEach } from "../helpers/stopAfterEach.js";
import { expectedHistory, historyMismatches, jsonLines, observations } from "./support/observations.js";

// Redis is killed (SIGKILL) under a running `dev` while records flow, then started again on the
// same port. It keeps an append-only file fsynced on every write, like a managed Redis with
// persistence: what it acknowledged survives, so whatever is missing afterwards was lost by the pipeline.
const SYMBOLS = ["AAPL", "MSFT", "NVDA", "SAP.DE"];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const own = stopAfterEach();
const startDev = async (...args: Parameters<typeof startDevProcess>) =>
  own(await startDevProcess(...args), (dev) => dev.stop());
const ownClient = (url: string, options: RedisOptions) =>
  own(new Redis(url, options), (client) => client.disconnect());

async function persistentRedis(): Promise<RedisServerHandle> {
  const dir = await mkdtemp(join(tmpdir(), "bavest-aof-"));
  return startRedis({ extraArgs: ["--appendonly", "yes", "--appendfsync", "always", "--dir", dir] });
}

/** Batch lines of dev that report failed records: one per failed invocation. */
const failedInvocations = (stderr: string) => (stderr.match(/\b[1-9]\d* failed\b/g) ?? []).length;

describe("Redis dies mid-stream under dev", () => {
  it("stores every record once after a short outage, with nothing dead-lettered", async () => {
    const redis = own(await persistentRedis(), (server) => server.stop());
    const home = await mkdtemp(join(tmpdir(), "bavest-outage-"));
    const dev = await startDev(
      [
        ...["--redis-url", redis.url, "--batching-window", "100ms", "--batch-size", "20"],
        ...["--max-retries", "30"],
      ],
      { home },
    );
    const records = observations(SYMBOLS, 240);
    const file = join(home, "quotes.jsonl");
    await writeFile(file, jsonLines(records));

    const replay = cliJson(home, ["replay", "--local", file, "--rate", "80"]);
    await sleep(1_000);
    await redis.stop();
    const outageStarted = Date.now();
    await sleep(2_500);
    await redis.restart();
    const outageMs = Date.now() - outageStarted;
    const sent = await replay;
    const client = ownClient(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    const expected = expectedHistory(records);
    await eventually(
      () => historyMismatches(client, expected),
      (problems) => problems.length === 0,
      { timeoutMs: 45_000, describe: () => dev.stderr() ?? "" },
    );
    const recoveredMs = Date.now() - outageStarted - outageMs;

    expect(sent.code).toBe(0);
    expect(sent.json).toMatchObject({ records: 240, sent: 240, failed: 0 });
    expect(failedInvocations(dev.stderr())).toBeGreaterThan(0);
    expect(existsSync(dev.record.deadLetterFile)).toBe(false);
    console.info(
      `short outage: ${outageMs} ms, 240 records, ${failedInvocations(dev.stderr())} failed invocations retried, all stored ${recoveredMs} ms after Redis came back`,
    );
  }, 90_000);

  it("dead-letters whole envelopes when retries run out, and replaying that file stores them all", async () => {
    const redis = own(await persistentRedis(), (server) => server.stop());
    const home = await mkdtemp(join(tmpdir(), "bavest-outage-"));
    const dev = await startDev(
      [
        ...["--redis-url", redis.url, "--batching-window", "100ms", "--batch-size", "20"],
        ...["--max-retries", "1"],
      ],
      { home },
    );
    const records = observations(SYMBOLS, 60);
    const file = join(home, "quotes.jsonl");
    await writeFile(file, jsonLines(records));
    await redis.stop();

    const outageStarted = Date.now();
    const sent = await cliJson(home, ["replay", "--local", file]);
    const deadLetterFile = dev.record.deadLetterFile;
    const lines = await eventually(
      async () =>
        existsSync(deadLetterFile) ? (await readFile(deadLetterFile, "utf8")).trim().split("\n") : [],
      (found) => found.length === records.length,
      { timeoutMs: 30_000, describe: () => dev.stderr() ?? "" },
    );
    const deadLetteredMs = Date.now() - outageStarted;
    await redis.restart();
    const restartedAt = Date.now();
    const again = await cliJson(home, ["replay", "--local", deadLetterFile]);
    const client = ownClient(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await eventually(
      () => historyMismatches(client, expectedHistory(records)),
      (problems) => problems.length === 0,
      { timeoutMs: 30_000, describe: () => dev.stderr() ?? "" },
    );

    console.info(
      `long outage: 60 records dead-lettered ${deadLetteredMs} ms into the outage (--max-retries 1), all stored ${Date.now() - restartedAt} ms after Redis came back and the file was replayed`,
    );
    expect(sent.json).toMatchObject({ records: 60, sent: 60, failed: 0 });
    const byKey = (r: { symbol: string; quote: { t: number } }) => `${r.symbol}@${r.quote.t}`;
    const dead = lines.map((line) => JSON.parse(line) as { symbol: string; quote: { t: number } });
    expect(new Set(dead.map(byKey))).toEqual(new Set((records as typeof dead).map(byKey)));
    expect(dead).toEqual(expect.arrayContaining(records));
    const meta = (await readFile(deadLetterFile.replace(/\.jsonl$/, ".meta.jsonl"), "utf8")).trim();
    expect(JSON.parse(meta.split("\n")[0] ?? "{}")).toMatchObject({ attempts: 2 });
    expect(again.code).toBe(0);
    expect(again.json).toMatchObject({ records: 60, sent: 60, failed: 0 });
  }, 90_000);
});
