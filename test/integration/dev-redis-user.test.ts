import { existsSync, readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type KinesisClient, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { Redis, type RedisOptions } from "ioredis";
import { describe, expect, it } from "vitest";
import { startLocalPipeline } from "../../src/local/pipeline/pipeline.js";
import { PIPELINE_DEFAULTS } from "../../src/local/pipeline/pipelineOptions.js";
import { createLocalKinesisClient } from "../../src/local/servers/kinesisClient.js";
import { appUserAccessString } from "../../src/stack/cacheSettings.js";
import { runCli } from "../helpers/cli.js";
import { startDevProcess } from "../helpers/devProcess.js";
import { eventually } from "../helpers/eventually.js";
import { freePort } from "../helpers/ports.js";
import { startRedis } from "../helpers/redis.js";
import { stopAfterEach } from "../helpers/stopAfterEach.js";
import { makeTlsMaterial } from "../helpers/tls.js";

// Runs the built bundles and CLI: `npm run build` first (npm test does).
const QUOTES = fileURLToPath(new URL("../../fixtures/replay/quotes.jsonl", import.meta.url));
const envelopes = readFileSync(QUOTES, "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as { symbol: string });
const SYMBOLS = [...new Set(envelopes.map((envelope) => envelope.symbol))];

const own = stopAfterEach();

/**
 * A redis-server whose only users are an admin and the cache's app user (with the stack's
 * access string and a password): the default user is off, so nothing works without a name.
 */
async function aclRedis(options: { extraArgs?: string[]; port?: number; client?: RedisOptions } = {}) {
  const server = own(await startRedis(options), (s) => s.stop());
  const connect = (auth: RedisOptions = {}) =>
    new Redis({ host: "127.0.0.1", port: server.port, lazyConnect: true, ...options.client, ...auth });
  const setup = connect();
  await setup.call("ACL", "SETUSER", "admin", "on", ">admin-secret", "~*", "&*", "+@all");
  await setup.call(
    "ACL",
    "SETUSER",
    "bavest-app",
    ...appUserAccessString("bavest").split(" "),
    ">app-secret",
  );
  await setup.call("ACL", "SETUSER", "default", "off");
  setup.disconnect();
  const admin = own(connect({ username: "admin", password: "admin-secret" }), (r) => r.disconnect());
  return { port: server.port, admin };
}

async function putQuotes(kinesis: KinesisClient, streamName: string): Promise<void> {
  const Records = envelopes.map((envelope) => ({
    PartitionKey: envelope.symbol,
    Data: Buffer.from(JSON.stringify(envelope)),
  }));
  const sent = await kinesis.send(new PutRecordsCommand({ StreamName: streamName, Records }));
  expect(sent.FailedRecordCount ?? 0).toBe(0);
}

/** How many observations Redis holds for the fixture's symbols. */
async function storedObservations(admin: Redis): Promise<number> {
  const counts = await Promise.all(SYMBOLS.map((symbol) => admin.zcard(`bavest:pe_history:${symbol}`)));
  return counts.reduce((sum, n) => sum + n, 0);
}

describe("dev --redis-url with an ACL user", () => {
  it("passes the user on to the processing function: every batch stored, nothing dead-lettered", async () => {
    const redis = await aclRedis();
    const home = await mkdtemp(join(tmpdir(), "bavest-home-"));
    const pipeline = own(
      await startLocalPipeline({
        ...PIPELINE_DEFAULTS,
        ingestEveryMs: null,
        batchingWindowMs: 100,
        maxRetries: 1,
        redisUrl: `redis://bavest-app:app-secret@127.0.0.1:${redis.port}`,
        env: { BAVEST_SIGNALS_HOME: home },
      }),
      (p) => p.stop(),
    );

    await putQuotes(pipeline.kinesis, pipeline.record.kinesis_stream_name);
    await eventually(
      async () => pipeline.stats().completed,
      (completed) => completed >= envelopes.length,
      { timeoutMs: 20_000 },
    );

    expect(pipeline.stats()).toMatchObject({ completed: envelopes.length, deadLettered: 0 });
    expect(existsSync(pipeline.record.deadLetterFile)).toBe(false);
    expect(await storedObservations(redis.admin)).toBe(envelopes.length);
    expect(await redis.admin.scard("bavest:symbols")).toBe(SYMBOLS.length);
  });

  it("speaks TLS for rediss://, from dev's functions and the CLI's readers alike", async () => {
    const tls = own(makeTlsMaterial("localhost"), (material) => material.remove());
    const port = await freePort();
    const redis = await aclRedis({
      port,
      extraArgs: tls.redisArgs(port),
      client: { tls: { ca: tls.ca, servername: "localhost" } },
    });
    const trustCa = { NODE_EXTRA_CA_CERTS: tls.caFile };
    const dev = own(
      await startDevProcess(["--redis-url", `rediss://bavest-app:app-secret@localhost:${port}`], {
        env: trustCa,
      }),
      (d) => d.stop(),
    );
    const kinesis = own(await createLocalKinesisClient(dev.record.kinesis_endpoint), (k) => k.destroy());

    await putQuotes(kinesis, dev.record.kinesis_stream_name);
    await eventually(
      () => storedObservations(redis.admin),
      (stored) => stored === envelopes.length,
      { timeoutMs: 20_000, describe: () => dev.stderr() },
    );

    expect(existsSync(dev.record.deadLetterFile)).toBe(false);
    expect(dev.stderr()).not.toMatch(/dead.letter|WRONGPASS|NOAUTH/i);
    const inspect = await runCli(["inspect", "AAPL", "--local", "--json"], {
      env: { ...trustCa, BAVEST_SIGNALS_HOME: dev.home },
    });
    expect(inspect.stderr).toBe("");
    expect(JSON.parse(inspect.stdout).latest).toMatchObject({ symbol: "AAPL" });
  });
});
