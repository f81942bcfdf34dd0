import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StackRedisReach } from "../../src/cloud/stackRedis.js";
import { tunnelRedisReader } from "../../src/status/cloudTarget.js";
import type { BastionApi, InstanceState } from "../../src/tunnel/types.js";
import { type ElastiCacheStandIn, startElastiCacheStandIn } from "../helpers/elasticacheStandIn.js";
import { fakeAccess, fakeSsm } from "../helpers/fakeSsmPlugin.js";

// The bastion stops itself after an idle hour; status, inspect, watch and tunnel all reach
// Redis through openStackTunnel, which starts it again first (item P9).
const TOKEN = "bastion-auth-token-0123456789";
let cache: ElastiCacheStandIn;

beforeAll(async () => {
  cache = await startElastiCacheStandIn(TOKEN);
  const seed = cache.directClient();
  await seed.sadd("bavest:symbols", "AAPL");
  seed.disconnect();
});

afterAll(async () => {
  await cache?.stop();
});

/** A bastion stopped by its idle alarm: running once started, Online a poll later. */
function stoppedBastion() {
  const calls: string[] = [];
  let state: InstanceState = "stopped";
  let polls = 0;
  const api: BastionApi = {
    async instanceState() {
      return state;
    },
    async startInstance(id) {
      calls.push(`start ${id}`);
      state = "running";
    },
    async isOnline() {
      polls += 1;
      return state === "running" && polls > 1;
    },
  };
  return { api, calls };
}

describe("a stack whose bastion is stopped", () => {
  it("starts it, waits for Session Manager, then reads Redis through the tunnel", async () => {
    const fake = fakeSsm();
    const bastion = stoppedBastion();
    const { session, plugin, signals, env } = fake.deps;
    const reach: StackRedisReach = {
      tunnelApis: async () => ({
        session,
        plugin,
        signals,
        env,
        bastion: bastion.api,
        bastionWait: { pollIntervalMs: 0, sleep: async () => {} },
      }),
      ca: cache.ca,
    };
    const reader = tunnelRedisReader(
      fakeAccess(cache.server.port, TOKEN),
      fake.deps.output,
      env ?? {},
      reach,
    );

    const facts = await reader.read(Date.now());
    await reader.close();

    expect(bastion.calls).toEqual(["start i-0123456789abcdef0"]);
    expect(facts).toMatchObject({ reachable: true, symbols: 1 });
    expect(fake.started).toHaveLength(1);
    expect(fake.log()).toContain("reachable through Session Manager");
    fake.remove();
  });
});
