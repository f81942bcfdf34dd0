import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutput } from "../../src/lib/output.js";
import { openWaitLink } from "../../src/replay/waitLink.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";

let server: RedisServerHandle;
beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  await server?.stop();
});

describe("replay --wait --stack", () => {
  it("reads the stack's Redis through the cloud resolver, with its prefix, and closes the tunnel", async () => {
    let closed = 0;
    const link = await openWaitLink(
      { local: false, stack: "prod", env: {}, output: createOutput() },
      {
        cloudRedis: async (stack) => ({
          url: server.url,
          prefix: "custom",
          description: `stack "${stack}"`,
          retentionSeconds: 3 * 86_400,
          close: async () => {
            closed += 1;
          },
        }),
      },
    );
    expect(link.keys.peRatio("AAPL", 1)).toBe("custom:pe_ratio:AAPL:1");
    expect(await link.probe.mark()).toBe("0-0");
    expect(await link.probe.facts("0-0")).toEqual({ outcomes: [], cursor: "0-0", failed: new Set() });
    await link.close();
    expect(closed).toBe(1);
  });

  it("closes the tunnel when its Redis cannot be reached", async () => {
    let closed = 0;
    await expect(
      openWaitLink(
        { local: false, stack: "prod", env: {}, output: createOutput() },
        {
          cloudRedis: async () => ({
            url: "redis://127.0.0.1:1",
            prefix: "bavest",
            description: 'stack "prod"',
            close: async () => {
              closed += 1;
            },
          }),
        },
      ),
    ).rejects.toThrow(/Cannot reach the Redis of stack "prod"/);
    expect(closed).toBe(1);
  });
});
