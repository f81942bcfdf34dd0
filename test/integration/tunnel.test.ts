import { connect as netConnect } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStackTunnel, stackRedisSession } from "../../src/cloud/stackRedis.js";
import { openTunnel } from "../../src/tunnel/openTunnel.js";
import { type ElastiCacheStandIn, startElastiCacheStandIn } from "../helpers/elasticacheStandIn.js";
import { FAKE_ENDPOINT, fakeAccess, fakeReach, fakeSsm, fakeTarget } from "../helpers/fakeSsmPlugin.js";
import { freePort, isAlive } from "../helpers/ports.js";
import type { RedisServerHandle } from "../helpers/redis.js";

const PASSWORD = "s3cret-auth-token";
let cache: ElastiCacheStandIn;
let redis: RedisServerHandle;
let tls: { ca: string };

beforeAll(async () => {
  cache = await startElastiCacheStandIn(PASSWORD);
  redis = cache.server;
  tls = { ca: cache.ca };
});

afterAll(async () => {
  await cache?.stop();
});

/** Opens a TLS connection through the tunnel and reports how the handshake went. */
function handshake(port: number, servername: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host: "127.0.0.1", port, servername, ca: tls.ca });
    socket.once("secureConnect", () => {
      socket.destroy();
      resolve("ok");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe("the tunnel against a stand-in plugin and a TLS redis-server", () => {
  it("runs Redis commands over TLS with the AUTH token, then leaves no plugin behind", async () => {
    const fake = fakeSsm();
    let pluginPid = -1;
    const session = stackRedisSession(
      fakeAccess(redis.port, PASSWORD),
      { output: fake.deps.output, env: fake.deps.env ?? {} },
      fakeReach(fake, tls.ca),
    );

    const client = await session.redis();
    pluginPid = fake.pluginPid() ?? -1;
    await client.set("bavest:latest:AAPL", "{}");
    const reply = [await client.ping(), await client.get("bavest:latest:AAPL")];
    await session.close();

    expect(reply).toEqual(["PONG", "{}"]);
    expect(pluginPid).toBeGreaterThan(0);
    expect(isAlive(pluginPid)).toBe(false);
    expect(fake.terminated).toEqual(["s-1"]);
    fake.remove();
  });

  it("passes the plugin the AWS CLI's argument shape and the port-forwarding parameters", async () => {
    const fake = fakeSsm();
    const tunnel = await openTunnel(fakeTarget(redis.port), { stack: "dev" }, fake.deps);
    await tunnel.close();

    const args = fake.pluginArgs() ?? [];
    expect(args).toHaveLength(6);
    expect(JSON.parse(args[0] ?? "")).toEqual({
      SessionId: "s-1",
      StreamUrl: "wss://ssmmessages.example/s",
      TokenValue: "t0k",
    });
    expect(args.slice(1, 4)).toEqual(["eu-central-1", "StartSession", ""]);
    expect(JSON.parse(args[4] ?? "")).toEqual({
      Target: "i-0123456789abcdef0",
      DocumentName: "AWS-StartPortForwardingSessionToRemoteHost",
      Parameters: {
        host: [FAKE_ENDPOINT],
        portNumber: [String(redis.port)],
        localPortNumber: [String(tunnel.localPort)],
      },
    });
    expect(args[5]).toBe("https://ssm.eu-central-1.amazonaws.com");
    fake.remove();
  });

  it("resolves only once the local port accepts connections, on the port asked for", async () => {
    const fake = fakeSsm({ FAKE_SSM_PLUGIN_LISTEN_DELAY_MS: "700" });
    const wanted = await freePort();

    const tunnel = await openTunnel(fakeTarget(redis.port), { stack: "dev", localPort: wanted }, fake.deps);
    const firstTry = await new Promise<string>((resolve) => {
      const socket = netConnect(tunnel.localPort, "127.0.0.1");
      socket.once("connect", () => resolve("connected"));
      socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    }).finally(() => {});

    expect(tunnel.localPort).toBe(wanted);
    expect(firstTry).toBe("connected");
    await tunnel.close();
    fake.remove();
  });

  it("gives ioredis options whose certificate check uses the ElastiCache name", async () => {
    const fake = fakeSsm();
    const opened = await openStackTunnel(
      fakeAccess(redis.port, PASSWORD),
      { output: fake.deps.output, env: {} },
      fakeReach(fake),
    );
    const tunnel = opened.connection;

    const withEndpointName = await handshake(tunnel.localPort, tunnel.redisOptions.tls.servername);
    const withLoopbackName = await handshake(tunnel.localPort, "localhost");

    expect(opened.redisOptions).toMatchObject({
      host: "127.0.0.1",
      port: tunnel.localPort,
      username: "default",
      password: PASSWORD,
    });
    expect(withEndpointName).toBe("ok");
    expect(withLoopbackName).toBe("ERR_TLS_CERT_ALTNAME_INVALID");
    await tunnel.close();
    fake.remove();
  });

  it("is refused by Redis without the right AUTH token", async () => {
    const fake = fakeSsm();
    const opened = await openStackTunnel(
      fakeAccess(redis.port, "wrong-token"),
      { output: fake.deps.output, env: {} },
      fakeReach(fake, tls.ca),
    );
    const tunnel = opened.connection;
    const client = new Redis({
      ...opened.redisOptions,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    const refused = new Promise<string>((resolve) => client.once("error", (error) => resolve(error.message)));

    void client.connect().catch(() => {});

    expect(await refused).toMatch(/WRONGPASS/);
    client.disconnect();
    await tunnel.close();
    fake.remove();
  });

  it("wakes a stopped bastion before it starts the session", async () => {
    const fake = fakeSsm();
    const calls: string[] = [];
    const states = ["stopped", "pending", "running"] as const;
    let polled = 0;
    fake.deps.bastion = {
      instanceState: async () => states[Math.min(polled++, states.length - 1)],
      startInstance: async (id) => void calls.push(`start ${id}`),
      isOnline: async () => polled > 2,
    };
    fake.deps.bastionWait = { pollIntervalMs: 0 };

    const tunnel = await openTunnel(fakeTarget(redis.port), { stack: "dev" }, fake.deps);
    await tunnel.close();

    expect(calls).toEqual(["start i-0123456789abcdef0"]);
    expect(fake.started).toHaveLength(1);
    expect(fake.log()).toContain("Bastion i-0123456789abcdef0 is stopped");
    fake.remove();
  });
});
