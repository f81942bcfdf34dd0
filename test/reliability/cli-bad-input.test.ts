import { mkdtempSync, symlinkSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKinesisClient } from "../../src/kinesis/kinesisClient.js";
import { writeLocalPipelineRecord } from "../../src/local/state.js";
import { runCli } from "../helpers/cli.js";
import { envelopeFactory } from "../helpers/factories.js";
import { runInProcess } from "../helpers/inProcess.js";
import { type KinesisServerHandle, startKinesalite } from "../helpers/kinesis.js";
import { createStream, localPipelineRecord, readStream } from "../helpers/localStream.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";

// Every bad input must stop the CLI with a non-zero exit and a message that names the input and
// the fix, before anything is sent: afterwards the stream and Redis must still be empty.
const STREAM = "bad-input";
let kinesis: KinesisServerHandle;
let client: KinesisClient;
let redis: RedisServerHandle;
let home: string;

beforeAll(async () => {
  [kinesis, redis] = await Promise.all([startKinesalite(), startRedis()]);
  client = createKinesisClient({ endpoint: kinesis.endpoint, env: {} });
  await createStream(client, STREAM);
  home = await mkdtemp(join(tmpdir(), "bavest-bad-input-"));
  const record = localPipelineRecord(home, {
    kinesis_stream_name: STREAM,
    kinesis_endpoint: kinesis.endpoint,
    redis_primary_endpoint: `127.0.0.1:${redis.port}`,
    redis_url: redis.url,
  });
  await writeLocalPipelineRecord(record, { BAVEST_SIGNALS_HOME: home });
});

afterAll(async () => {
  const stored = await readStream(client, STREAM);
  const db = new Redis(redis.url);
  const keys = await db.dbsize();
  db.disconnect();
  client.destroy();
  await Promise.all([kinesis.stop(), redis.stop()]);
  // Nothing any bad input did reached the stream or Redis.
  expect(stored).toEqual([]);
  expect(keys).toBe(0);
});

const good = JSON.stringify(envelopeFactory("AAPL"));

async function replayFile(name: string, content: string | Buffer) {
  const file = join(home, name);
  await writeFile(file, content);
  return { file, run: await runInProcess(["replay", "--local", file], { BAVEST_SIGNALS_HOME: home }) };
}

describe("bad replay input", () => {
  it.each([
    [
      "truncated JSON",
      "truncated.json",
      `[${good}, {"symbol": "MSFT", "quote": {`,
      /truncated JSON/,
      /Fix the file/,
    ],
    [
      "wrong types",
      "types.jsonl",
      `${good}\n${JSON.stringify({ symbol: 42, quote: {} })}\n${JSON.stringify({ symbol: "MSFT", quote: "189" })}\n`,
      /2 invalid record\(s\); nothing was sent\.\n {2}line 2: symbol 42 .*\n {2}line 3: quote of MSFT/,
      /--skip-invalid/,
    ],
    [
      "an invalid symbol",
      "symbol.jsonl",
      `${good}\n${JSON.stringify(envelopeFactory("NOT A SYMBOL"))}\n`,
      /line 2: symbol "NOT A SYMBOL" is not 1-24 characters/,
      /--skip-invalid/,
    ],
    [
      "a record over 1 MiB",
      "huge.json",
      JSON.stringify([envelopeFactory("AAPL"), envelopeFactory("BIG", { blob: "x".repeat(1024 * 1024) })]),
      /index 1: is 1\.00 MiB, over the Kinesis limit of 1 MiB per record/,
      /--skip-invalid/,
    ],
    [
      "binary data",
      "binary.bin",
      Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0x00]),
      /is binary data/,
      /JSON array/,
    ],
    ["an empty file", "empty.json", "  \n", /is empty: there is nothing to replay/, /JSON array/],
  ])("stops on %s, naming the file, and sends nothing", async (_kind, name, content, message, fix) => {
    const { file, run } = await replayFile(name, content);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(file);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(fix);
  });

  it("stops on a missing file and says how to pass one", async () => {
    const missing = join(home, "nope.jsonl");
    const run = await runInProcess(["replay", "--local", missing], { BAVEST_SIGNALS_HOME: home });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${missing} does not exist`);
  });

  it("rejects --from past the end and a bad --rate as usage errors", async () => {
    const file = join(home, "one.jsonl");
    await writeFile(file, `${good}\n`);
    const from = await runInProcess(["replay", "--local", file, "--from", "5"], {
      BAVEST_SIGNALS_HOME: home,
    });
    const rate = await runInProcess(["replay", "--local", file, "--rate", "fast"], {
      BAVEST_SIGNALS_HOME: home,
    });
    expect(from.code).toBe(2);
    expect(from.stderr).toMatch(/--from 5 is past the last record/);
    expect(rate.code).toBe(2);
    expect(rate.stderr).toMatch(/--rate fast is not a positive number/);
  });
});

describe("bad input to inspect", () => {
  it("names an unknown symbol and how to see the tracked ones", async () => {
    const run = await runInProcess(["inspect", "--local", "NOPE"], { BAVEST_SIGNALS_HOME: home });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/No signals for NOPE/);
    const invalid = await runInProcess(["inspect", "--local", "no way"], { BAVEST_SIGNALS_HOME: home });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/"no way" is not a symbol/);
  });
});

/** A PATH with node and nothing else: no pulumi, no redis-server. */
function nodeOnlyPath(): string {
  const bin = mkdtempSync(join(tmpdir(), "node-only-"));
  symlinkSync(process.execPath, join(bin, "node"));
  return bin;
}

describe("invalid config values and missing tools", () => {
  const cli = (args: string[], input = "") =>
    runCli(args, { env: { BAVEST_SIGNALS_HOME: home, PATH: nodeOnlyPath() }, input });

  it.each([
    ["--schedule", "every-5-min", /schedule.*rate\(value unit\)/s, /--schedule "rate\(5 minutes\)"/],
    [
      "--schedule",
      "cron(0 * * * * *)",
      /schedule.*\? in exactly one of day-of-month.*eventbridge-cron-question-mark/s,
      /--schedule "rate\(5 minutes\)"/,
    ],
    ["--shards", "0", /shards.*whole number from 1 to/s, /--shards 1/],
    ["--node-type", "cache.t2.huge", /nodeType.*cache\.t3, cache\.t4g/s, /--node-type cache\.t3\.micro/],
    ["--symbols", "AAPL,NOT A SYMBOL", /symbols.*1-24 characters/s, /--symbols AAPL/],
  ])("configure %s %s exits 2 before the Pulumi CLI is needed", async (flag, value, message, fix) => {
    const run = await cli(["configure", "--stack", "x", flag, value, "--api-key-stdin"], "key");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(value);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(fix);
    expect(run.stderr).not.toMatch(/Pulumi CLI/);
  });

  it("configure without the Pulumi CLI says how to install it", async () => {
    const run = await cli(["configure", "--stack", "x", "--symbols", "AAPL", "--api-key-stdin"], "key");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Pulumi CLI is not installed/);
    expect(run.stderr).toContain("https://www.pulumi.com/docs/install/");
  });

  it("dev without redis-server names it, how to install it and --redis-url, and leaves nothing running", async () => {
    const devHome = await mkdtemp(join(tmpdir(), "bavest-no-redis-"));
    const run = await runCli(["dev", "--no-ingest"], {
      env: { BAVEST_SIGNALS_HOME: devHome, PATH: nodeOnlyPath() },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/redis-server was not found on PATH/);
    expect(run.stderr).toMatch(/apt-get install -y redis-server/);
    expect(run.stderr).toMatch(/--redis-url redis:\/\//);
    const status = await runCli(["outputs", "--local"], { env: { BAVEST_SIGNALS_HOME: devHome } });
    expect(status.code).not.toBe(0);
  });

  it.each([
    [["--shards", "0"], /--shards "0" is not a whole number from 1 to 64/],
    [
      ["--redis-url", "http://127.0.0.1:6379"],
      /--redis-url "http:\/\/127\.0\.0\.1:6379" is not a redis:\/\//,
    ],
    [["--max-retries", "-1"], /--max-retries "-1" is not a whole number/],
    [["--every", "soon"], /--every/],
    [["--symbols", "AAPL,NOT A SYMBOL"], /--symbols: "NOT A SYMBOL" is not a symbol/],
  ])("dev %j exits 2 naming the flag", async (args, message) => {
    const run = await runCli(["dev", ...args], { env: { BAVEST_SIGNALS_HOME: home } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/bavest-signals dev|For example|--every 10s/);
  });
});
