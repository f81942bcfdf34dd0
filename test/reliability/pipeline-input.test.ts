import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisKeys } from "../../src/core/redisKeys.js";
import { createLocalKinesisClient } from "../../src/local/servers/kinesisClient.js";
import { cliJson } from "../helpers/cli.js";
import { type DevProcess, startDevProcess } from "../helpers/devProcess.js";
import { eventually } from "../helpers/eventually.js";
import { envelopeFactory } from "../helpers/factories.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";
import {
  expectedHistory,
  historyMismatches,
  jsonLines,
  observations,
  storedSymbol,
} from "./support/observations.js";
import { POISON_RECORDS, unusableNumbers } from "./support/poison.js";

// One `dev` serves both cases: poison records put straight on the stream, and two replays at once.
let home: string;
let dev: DevProcess;
let server: RedisServerHandle;
let redis: Redis;
const keys = redisKeys();

beforeAll(async () => {
  server = await startRedis();
  home = await mkdtemp(join(tmpdir(), "bavest-input-"));
  dev = await startDevProcess(
    ["--redis-url", server.url, "--batching-window", "100ms", "--batch-size", "50"],
    { home },
  );
  redis = new Redis(server.url, { lazyConnect: true });
}, 40_000);

afterAll(async () => {
  redis?.disconnect();
  await dev?.stop();
  await server?.stop();
});

/** A deterministic shuffle (mulberry32), so a failure can be reproduced. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

interface RejectedEntry {
  reason: string;
  sequenceNumber: string;
}

/** One entry per record, in stream order. */
function uniqueBySequence(entries: RejectedEntry[]): RejectedEntry[] {
  const bySequence = new Map(entries.map((entry) => [entry.sequenceNumber, entry]));
  return [...bySequence.values()].sort((a, b) =>
    BigInt(a.sequenceNumber) < BigInt(b.sequenceNumber) ? -1 : 1,
  );
}

describe("poison records mixed with good ones", () => {
  it("stores the good ones, quarantines every poison kind and never holds the shard back", async () => {
    const goods = [0, 1, 2].map((i) => envelopeFactory("GOOD", { t: 1_763_650_800 + i * 60 }));
    const unusable = unusableNumbers("UNUSABLE", 1_763_650_800);
    const poison = POISON_RECORDS.map((p) => ({ PartitionKey: p.partitionKey, Data: p.data }));
    const [v0, v1, v2, v3] = [...goods, unusable].map((g) => ({
      PartitionKey: g.symbol,
      Data: Buffer.from(JSON.stringify(g)),
    }));
    if (!v0 || !v1 || !v2 || !v3) throw new Error("four valid records expected");
    // Every valid record sits behind poison on the shard: a held-back shard would never reach it.
    const mixed = [...poison.slice(0, 5), v0, ...poison.slice(5, 10), v1, ...poison.slice(10), v2, v3];
    const kinesis = await createLocalKinesisClient(dev.record.kinesis_endpoint);
    await kinesis.send(new PutRecordsCommand({ StreamName: dev.record.kinesis_stream_name, Records: mixed }));
    kinesis.destroy();

    // A retried batch (a slow Redis) may quarantine a record twice: count each record once.
    const rejected = await eventually(
      async () => uniqueBySequence((await redis.lrange(keys.rejected, 0, -1)).map((e) => JSON.parse(e))),
      (list) => list.length >= POISON_RECORDS.length,
      { timeoutMs: 20_000, describe: () => dev.stderr() },
    );
    const good = await eventually(
      () => storedSymbol(redis, "GOOD"),
      (stored) => stored.signals.length === 3,
      { timeoutMs: 30_000 },
    );
    const logged = await eventually(
      async () =>
        // The log file may be written a moment after Redis has the Signals: not there yet is "not yet".
        (await readFile(join(dev.record.runDir, "processing.log"), "utf8").catch(() => "")).match(
          /Record rejected/g,
        ),
      (lines) => (lines?.length ?? 0) >= POISON_RECORDS.length,
      { timeoutMs: 30_000 },
    );

    expect(rejected).toHaveLength(POISON_RECORDS.length);
    POISON_RECORDS.forEach((poison, i) => {
      expect(rejected[i]?.reason, poison.kind).toMatch(poison.reason);
    });
    expect(good.latestObservedAtMs).toBe((1_763_650_800 + 120) * 1000);
    const latestUnusable = JSON.parse((await redis.get(keys.latest("UNUSABLE"))) ?? "null");
    expect(latestUnusable).toMatchObject({ category: "insufficient_data", signal: "unknown", peRatio: null });
    expect(existsSync(dev.record.deadLetterFile)).toBe(false);
    expect(logged?.length).toBeGreaterThanOrEqual(POISON_RECORDS.length);
  });
});

describe("two replays of shuffled, overlapping files at once", () => {
  it("keeps the newest observation as latest and each observation once in history", async () => {
    const symbols = ["CONC.A", "CONC.B", "CONC.C"];
    const all = observations(symbols, 450);
    const first = join(home, "first.jsonl");
    const second = join(home, "second.jsonl");
    await writeFile(first, jsonLines(shuffled(all.slice(0, 300), 1)));
    await writeFile(second, jsonLines(shuffled(all.slice(150), 2)));

    const [a, b] = await Promise.all([
      cliJson(home, ["replay", "--local", first]),
      cliJson(home, ["replay", "--local", second]),
    ]);
    const expected = expectedHistory(all);
    await eventually(
      () => historyMismatches(redis, expected),
      (problems) => problems.length === 0,
      { timeoutMs: 30_000, describe: () => dev.stderr() },
    );

    expect(a.json).toMatchObject({ records: 300, sent: 300, failed: 0 });
    expect(b.json).toMatchObject({ records: 300, sent: 300, failed: 0 });
    for (const [symbol, times] of expected) {
      const stored = await storedSymbol(redis, symbol);
      expect(stored.latestObservedAtMs, symbol).toBe(times[times.length - 1]);
      expect(new Set(stored.history).size).toBe(stored.history.length);
      expect(await redis.keys(`${keys.peRatio(symbol, 0).replace(/:0$/, "")}:*`)).toHaveLength(times.length);
    }
  });
});
