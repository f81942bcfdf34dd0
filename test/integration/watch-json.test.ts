import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.js";
import { writeLocalPipelineRecord } from "../../src/local/state.js";
import { eventually } from "../helpers/eventually.js";
import { localPipelineRecord } from "../helpers/localStream.js";
import { textSink } from "../helpers/memoryStreams.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";

let redis: RedisServerHandle;
let home: string;

beforeAll(async () => {
  redis = await startRedis();
  home = await mkdtemp(join(tmpdir(), "bavest-watch-json-"));
  await writeLocalPipelineRecord(
    localPipelineRecord(home, { redis_url: redis.url, redis_primary_endpoint: `127.0.0.1:${redis.port}` }),
    { BAVEST_SIGNALS_HOME: home },
  );
});

afterAll(async () => {
  await redis.stop();
});

describe("watch --json when the pipeline's Redis goes away", () => {
  it("keeps one document a line, the error document too, and its message ends with one full stop", async () => {
    const out = textSink();
    const err = textSink();
    const exit = main(["watch", "--local", "--json"], {
      stdout: out.stream,
      stderr: err.stream,
      env: { BAVEST_SIGNALS_HOME: home, PATH: process.env.PATH },
    });
    await eventually(
      async () => err.text(),
      (text) => text.includes("Watching signal changes"),
    );
    const client = new Redis(redis.url);
    await client.xadd(
      "bavest:changes",
      "*",
      "symbol",
      "AAPL",
      "observedAt",
      "2025-11-20T15:20:00.000Z",
      "from",
      "sell",
      "to",
      "hold",
      "fromCategory",
      "expensive",
      "toCategory",
      "growth_stock",
      "peRatio",
      "18.5",
    );
    client.disconnect();
    await eventually(
      async () => out.text(),
      (text) => text.includes("AAPL"),
    );
    await redis.stop();
    expect(await exit).toBe(1);
    const lines = out.text().trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    const documents = lines.map((line) => JSON.parse(line));
    expect(documents[0]).toMatchObject({ symbol: "AAPL", to: "hold" });
    expect(documents[1].error.message).toMatch(/^Lost the connection to the Redis of the local pipeline/);
    expect(documents[1].error.hint).toContain("--json");
    for (const text of [out.text(), err.text()]) expect(text).not.toMatch(/[^.]\.\.(\s|"|$)/);
  });
});
