import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIamRedisSession } from "../../src/lambdas/processing/redisClient.js";
import { signIamAuthToken } from "../../src/lambdas/shared/iamAuthToken.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";

// A real redis-server with an ACL user whose password is the token ElastiCache would accept:
// signed with fixed credentials at the fake clock's time, so each token is really checked.
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret-example-key" };
const target = { cacheName: "signals-redis-abc1234", userId: "bavest-dev", region: "eu-central-1" };
const MINUTE = 60_000;

let server: RedisServerHandle;
let admin: Redis;
let clock = Date.parse("2026-11-30T08:00:00Z");
const tokenAt = (at: number) => signIamAuthToken(target, credentials, new Date(at));

/** Only the token signed at `at` opens the user now (existing connections stay authenticated). */
async function acceptOnly(at: number) {
  await admin.call(
    "ACL",
    "SETUSER",
    target.userId,
    "reset",
    "on",
    `>${await tokenAt(at)}`,
    "~*",
    "&*",
    "+@all",
  );
}

async function authCalls(): Promise<number> {
  const stats = String(await admin.call("INFO", "commandstats"));
  return Number(/cmdstat_auth:calls=(\d+)/.exec(stats)?.[1] ?? 0);
}

beforeAll(async () => {
  server = await startRedis();
  admin = new Redis(server.port, "127.0.0.1");
});

afterAll(async () => {
  admin.disconnect();
  await server.stop();
});

describe("the processing function's IAM-authenticated Redis session", () => {
  it("authenticates with a fresh token, reconnects with a new one before expiry, re-AUTHs before 12 hours", async () => {
    const session = createIamRedisSession(
      {
        host: "127.0.0.1",
        port: server.port,
        tls: false,
        connectTimeoutMs: 2_000,
        commandTimeoutMs: 2_000,
        iam: target,
      },
      { sign: (now) => tokenAt(now.getTime()), now: () => new Date(clock) },
    );
    const start = clock;
    await acceptOnly(start);
    await session.refresh();
    expect(await session.redis.call("ACL", "WHOAMI")).toBe(target.userId);
    await session.redis.set("k", "v");

    // 11 minutes on: the first token has 4 minutes left, so refresh signs a new one; the
    // server now accepts only that one, and a dropped connection must come back with it.
    clock = start + 11 * MINUTE;
    await session.refresh();
    await acceptOnly(clock);
    await admin.call("CLIENT", "KILL", "USER", target.userId);
    expect(await session.redis.get("k")).toBe("v");
    // The token of 11 minutes ago is refused now: the reconnect really used the new one.
    const probe = new Redis(server.port, "127.0.0.1");
    await expect(probe.auth(target.userId, await tokenAt(start))).rejects.toThrow(/WRONGPASS/);
    await expect(probe.auth(target.userId, await tokenAt(clock))).resolves.toBe("OK");
    probe.disconnect();

    // 11 h 30 min after that connection authenticated: refresh re-sends AUTH with a fresh token
    // (the only one the server accepts now), which keeps the connection past ElastiCache's 12 hours.
    clock += 11.5 * 60 * MINUTE;
    await acceptOnly(clock);
    const before = await authCalls();
    await session.refresh();
    expect(await authCalls()).toBe(before + 1);
    expect(await session.redis.get("k")).toBe("v");

    // A minute later nothing is due: no new AUTH.
    clock += MINUTE;
    await session.refresh();
    expect(await authCalls()).toBe(before + 1);
    session.redis.disconnect();
  });
});
