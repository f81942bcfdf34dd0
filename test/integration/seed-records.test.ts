import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";
import { SEED_ISIN, seedRecord } from "../helpers/seedRecords.js";

const BUNDLE = fileURLToPath(new URL("../../dist/lambdas/processing/index.mjs", import.meta.url));

/** Runs the processing bundle in a fresh Node process on one Kinesis event. */
function runBundle(env: Record<string, string>, event: unknown): Promise<{ stdout: string; stderr: string }> {
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
  return new Promise((resolve) => child.once("close", () => resolve({ stdout, stderr })));
}

let server: RedisServerHandle;
let redis: Redis;
beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url);
});
afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

describe("our processing behind the seed's ingestion", () => {
  it("stores the seed's records as Signals of the ISIN, marked as legacy, and rejects nothing", async () => {
    expect(existsSync(BUNDLE), "run `npm run build` first").toBe(true);
    const t = Math.floor(Date.now() / 1000) - 60;
    const quote = {
      c: 172.3,
      d: 1.1,
      dp: 0.64,
      h: 173,
      l: 170.9,
      o: 171.2,
      pc: 171.2,
      t,
      metrics: { eps: 9.1, "pe/ratio": 18.9 },
    };
    const records = [
      seedRecord(quote, new Date()),
      seedRecord({ ...quote, c: 173.2, t: t + 30 }, new Date(), 0),
    ];
    const event = {
      Records: records.map((record, i) => ({
        eventSource: "aws:kinesis",
        kinesis: {
          partitionKey: record.partitionKey,
          sequenceNumber: String(49_000_000 + i),
          data: record.data.toString("base64"),
          approximateArrivalTimestamp: Date.now() / 1000,
        },
      })),
    };
    const run = await runBundle(
      { REDIS_HOST: "127.0.0.1", REDIS_PORT: String(server.port), REDIS_KEY_PREFIX: "seed" },
      event,
    );
    expect(run.stdout, run.stderr).toContain('RESULT {"batchItemFailures":[]}');
    expect(await redis.llen("seed:rejected")).toBe(0);
    expect(await redis.smembers("seed:symbols")).toEqual([SEED_ISIN]);
    const latest = JSON.parse((await redis.get(`seed:latest:${SEED_ISIN}`)) ?? "{}");
    expect(latest).toMatchObject({ symbol: SEED_ISIN, price: 173.2, eps: 9.1, peSource: "computed" });
    expect(await redis.zcard(`seed:pe_history:${SEED_ISIN}`)).toBe(2);
  });
});
