import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloudRedisTarget } from "../../src/cloud/targets.js";
import { startConsole } from "../../src/console/run.js";
import { cookieName } from "../../src/console/security.js";
import { analyseEnvelope } from "../../src/core/analysis.js";
import { redisKeys } from "../../src/core/redisKeys.js";
import { createOutput } from "../../src/lib/output.js";
import { repoPath } from "../../src/local/repoRoot.js";
import type { StatusReport } from "../../src/status/types.js";
import { type ElastiCacheStandIn, startElastiCacheStandIn } from "../helpers/elasticacheStandIn.js";
import { envelopeFactory } from "../helpers/factories.js";
import { FAKE_ENDPOINT, fakeReach, fakeSsm } from "../helpers/fakeSsmPlugin.js";
import { memoryStreams } from "../helpers/memoryStreams.js";
import { isAlive } from "../helpers/ports.js";
import { FakeEngine } from "../unit/engine/fakeEngine.js";

// `console --stack`: the same tunnel and target as `inspect --stack`, and the stack's own thresholds.
const TOKEN = "stack-auth-token-0123456789";
const keys = redisKeys("bavest");
let cache: ElastiCacheStandIn;

beforeAll(async () => {
  cache = await startElastiCacheStandIn(TOKEN);
  const seed = cache.directClient();
  const signal = analyseEnvelope(envelopeFactory("AAPL"), { sequenceNumber: "1", processedAt: new Date() });
  await seed.multi().set(keys.latest("AAPL"), JSON.stringify(signal)).sadd(keys.symbols, "AAPL").exec();
  seed.disconnect();
});
afterAll(async () => {
  await cache?.stop();
});

describe("the console of a deployed stack", () => {
  it("reads its Redis through the tunnel and draws the bands of the stack's configured thresholds", async () => {
    const engine = new FakeEngine("prod", {
      "bavest-signals:redisAuthToken": { value: TOKEN, secret: true },
      "bavest-signals:undervaluedBelow": { value: "8", secret: false },
      "bavest-signals:expensiveBelow": { value: "40", secret: false },
    });
    engine.stackOutputs = {
      kinesis_stream_name: { value: "quotes-1a2b", secret: false },
      redis_primary_endpoint: { value: FAKE_ENDPOINT, secret: false },
      redis_port: { value: cache.server.port, secret: false },
      bastion_instance_id: { value: "i-0123456789abcdef0", secret: false },
      region: { value: "eu-central-1", secret: false },
    };
    const fake = fakeSsm();
    const resolve = cloudRedisTarget(
      createOutput({ stderr: memoryStreams().stderr, env: {} }),
      { openEngine: async () => engine },
      fakeReach(fake, cache.ca),
    );
    const target = await resolve("prod", {});
    expect(target.thresholds).toMatchObject({ undervaluedBelow: 8, fairValueBelow: 15, expensiveBelow: 40 });
    const running = await startConsole(
      { port: 0, token: "t0k3n", assetsDir: repoPath("dist/console"), thresholds: target.thresholds },
      { target, checkHealth: async () => ({ health: "healthy" }) as StatusReport },
    );
    try {
      const answer = await fetch(new URL("/api/overview", running.url), {
        headers: { cookie: `${cookieName(running.port)}=t0k3n` },
      });
      const body = (await answer.json()) as {
        tracked: { symbol: string }[];
        thresholds: object;
        target: string;
      };
      expect(body.tracked.map((t) => t.symbol)).toEqual(["AAPL"]);
      expect(body.thresholds).toMatchObject({ undervaluedBelow: 8, expensiveBelow: 40 });
      expect(body.target).toMatch(/^stack "prod"/);
    } finally {
      await running.close();
      await target.close?.();
    }
    expect(isAlive(fake.pluginPid() ?? 0)).toBe(false);
    fake.remove();
  });
});
