import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRedis } from "../../src/targets/connect.js";
import type { RedisTarget } from "../../src/targets/redisTarget.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";

/**
 * A stack's IAM token lets new connections in for 15 minutes only: a reader that runs longer
 * (console, watch) must sign in afresh when it connects again, not with the token it began with.
 * Played by a real redis-server whose ACL user's password changes, as the token does.
 */
describe("a reader's connections sign in with fresh credentials", () => {
  let server: RedisServerHandle;
  let admin: Redis;
  const opened: Redis[] = [];

  beforeAll(async () => {
    server = await startRedis();
    const { Redis } = await import("ioredis");
    admin = new Redis(server.port, "127.0.0.1");
    await admin.call("ACL", "SETUSER", "reader", "on", ">token-1", "~bavest:*", "+get", "+info");
  });
  afterAll(async () => {
    for (const redis of opened) redis.disconnect();
    admin.disconnect();
    await server.stop();
  });

  it("connects again after the first token stopped working, with the one signed then", async () => {
    // prepare: a target that, like a stack's, was handed token-1 and signs a new token each time after
    let token = 1;
    const target: RedisTarget = {
      url: `redis://127.0.0.1:${server.port}`,
      prefix: "bavest",
      description: "the test's stack",
      redisOptions: { username: "reader", password: "token-1" },
      freshCredentials: async () => ({ username: "reader", password: `token-${token}` }),
    };
    const first = await connectRedis(target, 2_000);
    opened.push(first);
    expect(await first.get("bavest:x")).toBeNull();

    // act: the first token expires (its password is gone), a new one is what signs in now
    await admin.call("ACL", "SETUSER", "reader", "resetpass", ">token-2");
    token = 2;
    const again = await connectRedis(target, 2_000);
    opened.push(again);

    // assess: the reconnect got in; with the first token it would have been refused
    expect(await again.get("bavest:x")).toBeNull();
    await expect(connectRedis({ ...target, freshCredentials: undefined }, 2_000)).rejects.toThrow(
      /Cannot reach the Redis of the test.s stack at redis:\/\/127.0.0.1:\d+: WRONGPASS/,
    );
  });
});
