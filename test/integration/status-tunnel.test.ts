import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tunnelRedisReader } from "../../src/status/cloudTarget.js";
import { type ElastiCacheStandIn, startElastiCacheStandIn } from "../helpers/elasticacheStandIn.js";
import { eventually } from "../helpers/eventually.js";
import { fakeAccess, fakeReach, fakeSsm } from "../helpers/fakeSsmPlugin.js";
import { isAlive } from "../helpers/ports.js";

// `status --stack` reads Redis through one tunnel for as long as it runs (`--watch`).
const TOKEN = "status-auth-token-0123456789";
let cache: ElastiCacheStandIn;

beforeAll(async () => {
  cache = await startElastiCacheStandIn(TOKEN);
  const seed = cache.directClient();
  await seed.sadd("bavest:symbols", "AAPL", "JPM");
  seed.disconnect();
});

afterAll(async () => {
  await cache?.stop();
});

function reader(fake: ReturnType<typeof fakeSsm>) {
  return tunnelRedisReader(
    fakeAccess(cache.server.port, TOKEN),
    fake.deps.output,
    fake.deps.env ?? {},
    fakeReach(fake, cache.ca),
  );
}

describe("status reading a deployed Redis", () => {
  it("keeps one tunnel across reads and closes it at the end", async () => {
    const fake = fakeSsm();
    const read = reader(fake);

    const first = await read.read(Date.now());
    const second = await read.read(Date.now());
    const pluginPid = fake.pluginPid() ?? 0;
    await read.close();

    expect(first).toMatchObject({ reachable: true, symbols: 2 });
    expect(second).toMatchObject({ reachable: true, symbols: 2 });
    expect(fake.started).toHaveLength(1);
    expect(isAlive(pluginPid)).toBe(false);
    expect(fake.terminated).toEqual(["s-1"]);
    fake.remove();
  });

  it("opens a new tunnel when the old one ended", async () => {
    const fake = fakeSsm();
    const read = reader(fake);
    await read.read(Date.now());
    const firstPlugin = fake.pluginPid() ?? 0;

    process.kill(firstPlugin, "SIGKILL");
    await eventually(
      async () => isAlive(firstPlugin),
      (alive) => !alive,
    );
    const after = await eventually(
      () => read.read(Date.now()).catch(() => null),
      (facts) => facts !== null,
      { timeoutMs: 10_000 },
    );
    await read.close();

    expect(after).toMatchObject({ reachable: true, symbols: 2 });
    expect(fake.started).toHaveLength(2);
    fake.remove();
  });
});
