import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisKeys } from "../../src/core/redisKeys.js";
import { readChanges } from "../../src/inspect/changes.js";
import { readRejected, readSymbolView, readTrackedSymbols } from "../../src/inspect/read.js";
import { createProcessingHandler } from "../../src/lambdas/processing/handler.js";
import { appUserAccessString } from "../../src/stack/cacheSettings.js";
import { readRedisFacts } from "../../src/status/redisFacts.js";
import { kinesisEventFactory, kinesisRecordFactory, recordAt } from "../helpers/factories.js";
import { processingSettings } from "../helpers/processing.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";

/**
 * The IAM-enabled ElastiCache user's access string, played by redis-server's ACL (ElastiCache
 * runs the same ACL engine): everything the pipeline and the CLI's readers do must pass it, and
 * anything outside the stack's keys or dangerous must not.
 */
describe("the cache user's access string", () => {
  const keys = redisKeys("bavest");
  let server: RedisServerHandle;
  let app: Redis;
  let admin: Redis;

  beforeAll(async () => {
    server = await startRedis();
    admin = new Redis(server.port, "127.0.0.1");
    await admin.call(
      "ACL",
      "SETUSER",
      "bavest-app",
      ...appUserAccessString("bavest").split(" "),
      ">app-secret",
    );
    app = new Redis({ port: server.port, host: "127.0.0.1", username: "bavest-app", password: "app-secret" });
  });
  afterAll(async () => {
    app.disconnect();
    admin.disconnect();
    await server.stop();
  });

  it("lets the processing function store, quarantine and feed changes, and the CLI read them all", async () => {
    // prepare: three observations that change AAPL's signal, and one poison record
    const handle = createProcessingHandler({
      redis: app,
      logger: { info() {}, warn() {}, error() {} },
      settings: processingSettings(),
    });
    const event = kinesisEventFactory([
      recordAt("AAPL", 1_763_650_800, { c: 100, metrics: { eps: 10 } }),
      recordAt("AAPL", 1_763_651_100, { c: 400, metrics: { eps: 10 } }),
      kinesisRecordFactory("{ not json", { partitionKey: "POISON" }),
    ]);

    // act
    const answer = await handle(event);

    // assess: nothing failed for want of a permission, and every reader sees the result
    expect(answer).toEqual({ batchItemFailures: [] });
    expect((await readTrackedSymbols(app, keys)).map((s) => s.symbol)).toEqual(["AAPL"]);
    expect((await readSymbolView(app, keys, "AAPL", 5)).history).toHaveLength(2);
    expect(await readRejected(app, keys, 5)).toHaveLength(1);
    expect((await readChanges(app, keys, 5)).map((c) => c.to)).toEqual(["sell"]);
    const facts = await readRedisFacts(app, keys, Date.now());
    expect(facts).toMatchObject({ reachable: true, symbols: 1 });
    expect(await app.xread("COUNT", 1, "STREAMS", keys.changes, "0-0")).not.toBeNull();
  });

  it("refuses keys outside the stack's prefix and dangerous commands", async () => {
    await expect(app.get("other:latest:AAPL")).rejects.toThrow(/NOPERM/);
    await expect(app.flushdb()).rejects.toThrow(/NOPERM/);
    await expect(app.keys("bavest:*")).rejects.toThrow(/NOPERM/);
    await expect(app.call("CONFIG", "GET", "maxmemory")).rejects.toThrow(/NOPERM/);
    await expect(app.publish("bavest:news", "x")).rejects.toThrow(/NOPERM/);
  });
});
