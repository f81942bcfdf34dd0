import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIamAuthToken } from "../../src/lambdas/shared/iamAuthToken.js";
import { envelopeFactory, kinesisEventFactory, kinesisRecordFactory } from "../helpers/factories.js";
import { freePort } from "../helpers/ports.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";
import { makeTlsMaterial } from "../helpers/tls.js";

const BUNDLE = fileURLToPath(new URL("../../dist/lambdas/processing/index.mjs", import.meta.url));

/** Loads the bundle in a fresh Node process, as a local runner would, and calls handler(event) without a context. */
function runBundle(
  env: Record<string, string>,
  event: unknown,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `const { handler } = await import(process.argv[1]);
let input = ""; for await (const c of process.stdin) input += c;
const result = await handler(JSON.parse(input));
process.stdout.write("RESULT " + JSON.stringify(result) + "\\n"); process.exit(0);`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script, BUNDLE], {
    env: { PATH: process.env.PATH, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr += c));
  child.stdin.end(JSON.stringify(event));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

let server: RedisServerHandle;
let redis: Redis;
beforeAll(async () => {
  server = await startRedis({ password: "s3cret" });
  redis = new Redis(server.url);
});
afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

describe("the processing bundle", () => {
  it("runs outside Lambda with REDIS_* from the environment and an AUTH token", async () => {
    expect(existsSync(BUNDLE), "run `npm run build` first").toBe(true);
    const event = kinesisEventFactory([
      kinesisRecordFactory(envelopeFactory("AAPL")),
      kinesisRecordFactory("nope"),
    ]);
    const run = await runBundle(
      {
        REDIS_HOST: "127.0.0.1",
        REDIS_PORT: String(server.port),
        REDIS_AUTH_TOKEN: "s3cret",
        REDIS_KEY_PREFIX: "bundle",
      },
      event,
    );
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.stdout).toContain('RESULT {"batchItemFailures":[]}');
    // The structured batch log carries the counts.
    const batchLog = run.stdout.split("\n").find((line) => line.includes("Batch processed"));
    expect(JSON.parse(batchLog ?? "{}")).toMatchObject({
      stored: 1,
      updated: 0,
      duplicates: 0,
      rejected: 1,
      failed: 0,
    });
    expect(await redis.smembers("bundle:symbols")).toEqual(["AAPL"]);
    expect(await redis.llen("bundle:rejected")).toBe(1);
  });

  it("signs in as the IAM user with a token from the role's credentials, and publishes EMF metrics in Lambda", async () => {
    // The bundle signs at its own clock: accept the token of every second of the next minute
    // (an ACL user may have many passwords), each one signed for exactly this user and cache.
    const target = { cacheName: "signals-redis-abc1234", userId: "bavest-dev", region: "eu-central-1" };
    const credentials = {
      accessKeyId: "AKIDROLE",
      secretAccessKey: "role-secret",
      sessionToken: "role-session",
    };
    const start = Math.floor(Date.now() / 1000) * 1000;
    const tokens = await Promise.all(
      Array.from({ length: 60 }, (_, i) => signIamAuthToken(target, credentials, new Date(start + i * 1000))),
    );
    await redis.call(
      "ACL",
      "SETUSER",
      target.userId,
      "reset",
      "on",
      ...tokens.map((t) => `>${t}`),
      "~*",
      "&*",
      "+@all",
    );
    const run = await runBundle(
      {
        REDIS_HOST: "127.0.0.1",
        REDIS_PORT: String(server.port),
        REDIS_AUTH: "iam",
        REDIS_USER: target.userId,
        REDIS_CACHE_NAME: target.cacheName,
        REDIS_KEY_PREFIX: "iam",
        AWS_REGION: target.region,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        AWS_SESSION_TOKEN: credentials.sessionToken,
        AWS_EXECUTION_ENV: "AWS_Lambda_nodejs22.x",
      },
      kinesisEventFactory([kinesisRecordFactory(envelopeFactory("MSFT"))]),
    );

    expect(run.stdout, run.stderr).toContain('RESULT {"batchItemFailures":[]}');
    expect(await redis.smembers("iam:symbols")).toEqual(["MSFT"]);
    const emf = run.stdout.split("\n").find((line) => line.includes('"_aws"'));
    expect(JSON.parse(emf ?? "{}")).toMatchObject({
      service: "processing",
      RecordsStored: 1,
      RecordsFailed: 0,
    });
  });

  it("refuses to start without REDIS_HOST and names the variable", async () => {
    const run = await runBundle({}, kinesisEventFactory([]));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("REDIS_HOST is not set");
  });

  it("connects with TLS and an AUTH token when REDIS_TLS=true", async () => {
    const tls = makeTlsMaterial("localhost");
    const port = await freePort();
    const tlsServer = await startRedis({ port, password: "tls-pass", extraArgs: tls.redisArgs(port) });
    const reader = new Redis({ host: "localhost", port, password: "tls-pass", tls: { ca: tls.ca } });
    try {
      const run = await runBundle(
        {
          REDIS_HOST: "localhost",
          REDIS_PORT: String(port),
          REDIS_TLS: "true",
          REDIS_AUTH_TOKEN: "tls-pass",
          NODE_EXTRA_CA_CERTS: tls.caFile,
        },
        kinesisEventFactory([kinesisRecordFactory(envelopeFactory("MSFT"))]),
      );
      expect(run.stdout).toContain('RESULT {"batchItemFailures":[]}');
      expect(await reader.smembers("bavest:symbols")).toEqual(["MSFT"]);
    } finally {
      reader.disconnect();
      await tlsServer.stop();
      tls.remove();
    }
  });
});
