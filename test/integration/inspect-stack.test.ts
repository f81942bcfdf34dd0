import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli.js";
import { type CloudRedisDeps, cloudRedisTarget } from "../../src/cloud/targets.js";
import { analyseEnvelope } from "../../src/core/analysis.js";
import { redisKeys } from "../../src/core/redisKeys.js";
import type { Signal } from "../../src/core/signal.js";
import { signIamAuthToken } from "../../src/lambdas/shared/iamAuthToken.js";
import { createOutput } from "../../src/lib/output.js";
import { type ElastiCacheStandIn, startElastiCacheStandIn } from "../helpers/elasticacheStandIn.js";
import { eventually } from "../helpers/eventually.js";
import { envelopeFactory } from "../helpers/factories.js";
import { FAKE_ENDPOINT, fakeReach, fakeSsm } from "../helpers/fakeSsmPlugin.js";
import { memoryStreams } from "../helpers/memoryStreams.js";
import { isAlive } from "../helpers/ports.js";
import { FakeEngine } from "../unit/engine/fakeEngine.js";

// `inspect --stack`: stack outputs and the AUTH token from the engine, Redis through the tunnel
// (a stand-in plugin) over TLS checked against the ElastiCache name, then the same inspect code.
const TOKEN = "stack-auth-token-0123456789";
const keys = redisKeys("bavest");
let cache: ElastiCacheStandIn;

// A Signal as the processing function would store it.
const signal: Signal = analyseEnvelope(envelopeFactory("AAPL"), {
  sequenceNumber: "49590338271490256608559692538361571095921575989136588898",
  processedAt: new Date("2026-11-20T15:00:03.010Z"),
});

beforeAll(async () => {
  cache = await startElastiCacheStandIn(TOKEN);
  const seed = cache.directClient();
  const observedAtMs = Date.parse(signal.observedAt);
  await seed
    .multi()
    .set(keys.peRatio("AAPL", observedAtMs), JSON.stringify(signal))
    .set(keys.latest("AAPL"), JSON.stringify(signal))
    .zadd(keys.history("AAPL"), observedAtMs, String(observedAtMs))
    .sadd(keys.symbols, "AAPL")
    .exec();
  seed.disconnect();
});

afterAll(async () => {
  await cache?.stop();
});

function deployedStack(): FakeEngine {
  const engine = new FakeEngine("prod", { "bavest-signals:redisAuthToken": { value: TOKEN, secret: true } });
  engine.stackOutputs = {
    kinesis_stream_name: { value: "quotes-1a2b", secret: false },
    redis_primary_endpoint: { value: FAKE_ENDPOINT, secret: false },
    redis_port: { value: cache.server.port, secret: false },
    bastion_instance_id: { value: "i-0123456789abcdef0", secret: false },
    region: { value: "eu-central-1", secret: false },
  };
  return engine;
}

/**
 * The real program whose `command` reaches `engine`'s stack through the fake tunnel to the
 * stand-in cache; what it printed, and the fake Session Manager plugin.
 */
function throughTunnel(
  command: "inspect" | "watch",
  engine: FakeEngine,
  credentials?: NonNullable<CloudRedisDeps["credentials"]>,
) {
  const fake = fakeSsm();
  const streams = memoryStreams();
  const cloud = cloudRedisTarget(
    createOutput({ stderr: streams.stderr, env: {} }),
    { openEngine: async () => engine },
    { ...fakeReach(fake, cache.ca), ...(credentials ? { credentials } : {}) },
  );
  const program = buildProgram(
    { stdout: streams.stdout, stderr: streams.stderr, env: {} },
    { [command]: { cloud } },
  );
  return { fake, streams, program };
}

describe("inspect --stack through the tunnel", () => {
  it("reads the deployed Redis with the stack's token and closes the tunnel afterwards", async () => {
    const { fake, streams, program } = throughTunnel("inspect", deployedStack());

    await program.parseAsync(["--stack", "prod", "--json", "inspect", "AAPL"], { from: "user" });

    const printed = JSON.parse(streams.out());
    expect(printed).toEqual({ symbol: "AAPL", latest: signal, history: [signal] });
    expect(fake.started[0]).toMatchObject({
      Target: "i-0123456789abcdef0",
      DocumentName: "AWS-StartPortForwardingSessionToRemoteHost",
    });
    expect(isAlive(fake.pluginPid() ?? 0)).toBe(false);
    expect(fake.terminated).toEqual(["s-1"]);
    fake.remove();
  });

  it("names the config key when the stack has no AUTH token", async () => {
    const engine = deployedStack();
    engine.config = {};
    const cloud = cloudRedisTarget(createOutput({ stderr: memoryStreams().stderr, env: {} }), {
      openEngine: async () => engine,
    });

    await expect(cloud("prod", {})).rejects.toThrow(/bavest-signals:redisAuthToken/);
  });

  it("signs in as the stack's IAM user with a token signed from the caller's own credentials", async () => {
    // What ElastiCache does with an IAM user, played by redis-server: the ACL user's password
    // is exactly the token for this user, cache, region, time and these credentials.
    const awsCredentials = async () => ({ accessKeyId: "AKIDOPERATOR", secretAccessKey: "operator-secret" });
    const now = () => new Date("2026-11-30T09:30:00Z");
    const token = await signIamAuthToken(
      { cacheName: "signals-redis-abc1234", userId: "bavest-prod", region: "eu-central-1" },
      await awsCredentials(),
      now(),
    );
    const admin = cache.directClient();
    await admin.call("ACL", "SETUSER", "bavest-prod", "reset", "on", `>${token}`, "~*", "&*", "+@all");
    admin.disconnect();
    const engine = deployedStack();
    engine.config = {};
    engine.stackOutputs = {
      ...engine.stackOutputs,
      redis_user: { value: "bavest-prod", secret: false },
      redis_replication_group_id: { value: "signals-redis-abc1234", secret: false },
    };
    const { fake, streams, program } = throughTunnel("inspect", engine, { awsCredentials, now });

    await program.parseAsync(["--stack", "prod", "--json", "inspect", "AAPL"], { from: "user" });

    expect(JSON.parse(streams.out())).toEqual({ symbol: "AAPL", latest: signal, history: [signal] });
    expect(isAlive(fake.pluginPid() ?? 0)).toBe(false);
    fake.remove();
  });

  it("watch --stack follows the changes feed through the tunnel until Ctrl-C, then closes it", async () => {
    const { fake, streams, program } = throughTunnel("watch", deployedStack());
    const watching = program.parseAsync(["--stack", "prod", "--json", "watch"], { from: "user" });
    await eventually(
      async () => streams.err(),
      (err) => err.includes("Watching signal changes"),
      {
        describe: streams.err,
      },
    );
    const writer = cache.directClient();
    await writer.xadd(
      keys.changes,
      "*",
      "symbol",
      "AAPL",
      "observedAt",
      signal.observedAt,
      "from",
      "hold",
      "to",
      "sell",
      "fromCategory",
      "growth_stock",
      "toCategory",
      "expensive",
      "peRatio",
      "29.5",
    );
    writer.disconnect();
    await eventually(
      async () => streams.out(),
      (out) => out.includes("AAPL"),
      { describe: streams.err },
    );
    process.emit("SIGINT");
    await watching;
    expect(JSON.parse(streams.out().trim())).toEqual({
      symbol: "AAPL",
      observedAt: signal.observedAt,
      from: "hold",
      to: "sell",
      fromCategory: "growth_stock",
      toCategory: "expensive",
      peRatio: 29.5,
    });
    expect(fake.terminated).toEqual(["s-1"]);
    fake.remove();
  });
});
