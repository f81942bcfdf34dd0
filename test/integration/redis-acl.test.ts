import { type AddressInfo, connect, createServer, type Socket } from "node:net";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisKeys } from "../../src/core/redisKeys.js";
import { followChanges } from "../../src/inspect/follow.js";
import { runInspect } from "../../src/inspect/run.js";
import { createProcessingHandler } from "../../src/lambdas/processing/handler.js";
import { createRedisClient } from "../../src/lambdas/processing/redisClient.js";
import { STORE_BATCH_LUA } from "../../src/lambdas/processing/storeScript.js";
import { redisProbe } from "../../src/replay/probe.js";
import { appUserAccessString, cacheUserCommands } from "../../src/stack/cacheSettings.js";
import { readRedisFacts } from "../../src/status/redisFacts.js";
import { connectRedis } from "../../src/targets/connect.js";
import { redisOptionsFor } from "../../src/tunnel/connection.js";
import type { TunnelTarget } from "../../src/tunnel/types.js";
import { eventually } from "../helpers/eventually.js";
import { kinesisEventFactory, kinesisRecordFactory, recordAt } from "../helpers/factories.js";
import { processingSettings } from "../helpers/processing.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";

/**
 * The IAM-enabled ElastiCache user's access string, played by redis-server's ACL (ElastiCache
 * runs the same ACL engine): everything the pipeline and the CLI's readers do must pass it, and
 * anything else must not. The clients are the product's own: the processing function's and the
 * readers' (`connectRedis`, as inspect, watch, status and replay --wait open theirs).
 */
describe("the cache user's access string", () => {
  const keys = redisKeys("bavest");
  const quiet = { info() {}, warn() {}, error() {} };
  let server: RedisServerHandle;
  let admin: Redis;
  const opened: Redis[] = [];
  const asApp = async () => {
    const redis = await connectRedis({
      url: `redis://bavest-app:app-secret@127.0.0.1:${server.port}`,
      prefix: "bavest",
      description: "the ACL test's Redis",
    });
    opened.push(redis);
    return redis;
  };

  beforeAll(async () => {
    server = await startRedis();
    const { Redis } = await import("ioredis");
    admin = new Redis(server.port, "127.0.0.1");
    await admin.call(
      "ACL",
      "SETUSER",
      "bavest-app",
      ...appUserAccessString("bavest").split(" "),
      ">app-secret",
    );
  });
  afterAll(async () => {
    for (const redis of opened) redis.disconnect();
    admin.disconnect();
    await server.stop();
  });

  it("grants exactly what the processing function and every reader send: no denial, nothing unused", async () => {
    await admin.call("CONFIG", "RESETSTAT");
    await admin.call("ACL", "LOG", "RESET");
    // prepare: the function's own client, signed in as the cache's user
    const functionRedis = createRedisClient({
      host: "127.0.0.1",
      port: server.port,
      tls: false,
      username: "bavest-app",
      authToken: "app-secret",
      connectTimeoutMs: 2_000,
      commandTimeoutMs: 2_000,
    });
    opened.push(functionRedis);
    const handle = createProcessingHandler({
      redis: functionRedis,
      logger: quiet,
      settings: processingSettings(),
    });

    // act: three observations that change AAPL's signal, one poison record; then every reader
    const first = await handle(
      kinesisEventFactory([
        recordAt("AAPL", 1_763_650_800, { c: 100, metrics: { eps: 10 } }),
        recordAt("AAPL", 1_763_651_100, { c: 400, metrics: { eps: 10 } }),
        kinesisRecordFactory("{ not json", { partitionKey: "POISON" }),
      ]),
    );
    const reader = await asApp();
    const inspect = (options: Partial<Parameters<typeof runInspect>[0]>) =>
      runInspect({ limit: 5, rejected: false, ...options }, reader, keys);
    const all = await inspect({});
    const one = await inspect({ symbol: "AAPL" });
    await expect(inspect({ symbol: "TSLA" })).rejects.toThrow(/Tracked symbols: AAPL/);
    const rejected = await inspect({ rejected: true });
    const changes = await inspect({ changes: true });
    const symbolChanges = await inspect({ changes: true, symbol: "AAPL" });
    const status = await readRedisFacts(reader, keys, Date.now());
    const probe = await redisProbe(reader, keys).facts("0-0");
    // watch: follows from the end, sees the next change
    const stop = new AbortController();
    const seen: string[] = [];
    const following = followChanges(await asApp(), keys, {
      signal: stop.signal,
      blockMs: 200,
      onChange: (change) => {
        seen.push(change.to);
        stop.abort();
      },
    });
    // Once its XREAD blocks, it has read the stream's end: the next change is one it must see.
    await eventually(
      async () => String(await admin.call("CLIENT", "LIST")),
      (clients) => /flags=b .*cmd=xread/.test(clients),
    );
    const second = await handle(
      kinesisEventFactory([recordAt("AAPL", 1_763_651_400, { c: 100, metrics: { eps: 10 } })]),
    );
    await following;

    // assess: every reader saw the function's writes ...
    expect([first, second]).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(all).toMatchObject({ kind: "symbols", tracked: [{ symbol: "AAPL" }] });
    expect(one.kind === "symbol" && one.view.history).toHaveLength(2);
    expect(rejected.kind === "rejected" && rejected.rejected).toHaveLength(1);
    expect(changes.kind === "changes" && changes.changes.map((c) => c.to)).toEqual(["sell"]);
    expect(symbolChanges.kind === "changes" && symbolChanges.changes).toHaveLength(1);
    expect(status).toMatchObject({ reachable: true, symbols: 1 });
    expect(probe.outcomes.map(([, outcome]) => outcome)).toEqual(["stored", "stored", "rejected"]);
    expect(seen).toEqual(["buy"]);
    // ... nothing was denied, and every command sent is granted and every one granted was sent
    expect(await admin.call("ACL", "LOG")).toEqual([]);
    const sent = commandsIn(String(await admin.call("INFO", "commandstats")));
    const alwaysAllowed = ["auth", "hello"];
    const admins = ["config|resetstat", "acl|log", "client|list"];
    expect(sent.filter((c) => !alwaysAllowed.includes(c) && !admins.includes(c))).toEqual(
      cacheUserCommands(),
    );
  });

  it("refuses key names outside the prefix, server-wide state, other databases and other keys", async () => {
    const app = await asApp();
    await admin.set("other:latest:AAPL", "{}");
    const refused = [
      ["SCAN", "0", "COUNT", "1000"],
      ["RANDOMKEY"],
      ["KEYS", "*"],
      ["FUNCTION", "LOAD", "#!lua name=mine\nredis.register_function('f', function() return 1 end)"],
      ["FUNCTION", "FLUSH"],
      ["SCRIPT", "FLUSH"],
      ["SCRIPT", "LOAD", "return 1"],
      ["SELECT", "1"],
      ["SWAPDB", "0", "1"],
      ["FLUSHALL"],
      ["FLUSHDB"],
      ["CONFIG", "GET", "maxmemory"],
      ["CONFIG", "SET", "maxmemory", "1"],
      ["MONITOR"],
      ["CLIENT", "KILL", "USER", "default"],
      ["ACL", "SETUSER", "bavest-app", "+@all"],
      ["PUBLISH", "bavest:news", "x"],
      ["SUBSCRIBE", "bavest:news"],
      ["GET", "other:latest:AAPL"],
      ["SET", "other:latest:AAPL", "x"],
      ["DEL", "bavest:symbols"],
      ["EVAL", "return redis.call('SET', KEYS[1], 'x')", "1", "other:x"],
    ];
    for (const command of refused) {
      await expect(app.call(...(command as [string, ...string[]])), command.join(" ")).rejects.toThrow(
        /NOPERM/,
      );
    }
    // A script runs with the user's rights: undeclared keys and forbidden commands fail inside it.
    await expect(app.eval("return redis.call('SET', 'other:y', 'x')", 0)).rejects.toThrow(
      /NOPERM|user executing the script can.t/,
    );
    await expect(app.eval("return redis.call('FLUSHALL')", 0)).rejects.toThrow(
      /NOPERM|user executing the script can.t/,
    );
    await expect(app.eval("return redis.call('SCAN', '0')", 0)).rejects.toThrow(
      /NOPERM|user executing the script can.t/,
    );
    // SELECT 1 was refused, so a write after it still lands in database 0, under the prefix.
    await app.set("bavest:after-select", "x");
    expect(await admin.get("bavest:after-select")).toBe("x");
    const db1 = admin.duplicate({ db: 1 });
    expect(await db1.dbsize()).toBe(0);
    db1.disconnect();
    expect(await admin.get("other:latest:AAPL")).toBe("{}");
    expect(await admin.exists("bavest:symbols")).toBe(1);
  });

  it("the readers, the tunnel's and the function's clients send no CLIENT command on connect", async () => {
    // prepare: a proxy that keeps every byte the clients send to the real redis-server
    const proxy = await startCapturingProxy(server.port);
    try {
      const reader = await connectRedis({
        url: `redis://bavest-app:app-secret@127.0.0.1:${proxy.port}`,
        prefix: "bavest",
        description: "the ACL test's Redis",
      });
      const { Redis } = await import("ioredis");
      const { tls: _tls, ...tunnelOptions } = redisOptionsFor(
        { redisHost: "cache.example" } as TunnelTarget,
        proxy.port,
      );
      const throughTunnel = new Redis({ ...tunnelOptions, username: "bavest-app", password: "app-secret" });
      const functionRedis = createRedisClient({
        host: "127.0.0.1",
        port: proxy.port,
        tls: false,
        username: "bavest-app",
        authToken: "app-secret",
        connectTimeoutMs: 2_000,
        commandTimeoutMs: 2_000,
      });
      // act
      await Promise.all([
        reader.get("bavest:x"),
        throughTunnel.get("bavest:x"),
        functionRedis.get("bavest:x"),
      ]);
      reader.disconnect();
      throughTunnel.disconnect();
      functionRedis.disconnect();
      // assess: Redis 7.2+ would log CLIENT SETINFO as a denial for the cache's user
      expect(proxy.sent().toUpperCase()).toContain("GET");
      expect(proxy.sent().toUpperCase()).not.toContain("CLIENT");
    } finally {
      await proxy.close();
    }
  });

  it("grants every command the store scripts call", () => {
    const called = [STORE_BATCH_LUA].flatMap((lua) =>
      [...lua.matchAll(/redis\.p?call\(\s*'([A-Za-z]+)'/g)].map((match) => (match[1] ?? "").toLowerCase()),
    );
    expect(called.length).toBeGreaterThan(0);
    expect(called.filter((command) => !cacheUserCommands().includes(command))).toEqual([]);
  });
});

/** A loopback TCP proxy to `targetPort` that keeps what clients send, as text. */
async function startCapturingProxy(targetPort: number) {
  const chunks: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, "127.0.0.1");
    sockets.add(client).add(upstream);
    client.on("data", (chunk) => chunks.push(chunk));
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    sent: () => Buffer.concat(chunks).toString("latin1"),
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The command names of INFO commandstats, sorted. */
function commandsIn(info: string): string[] {
  return [...info.matchAll(/^cmdstat_([^:]+):/gm)].map((match) => match[1] ?? "").sort();
}
