import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProcessingHandler } from "../../src/lambdas/processing/handler.js";
import { envelopeFactory, kinesisEventFactory, kinesisRecordFactory } from "../helpers/factories.js";
import { localProcessing, processingSettings } from "../helpers/processing.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";

let server: RedisServerHandle;
let redis: Redis;
let handle: ProcessingHandler;

beforeAll(async () => {
  server = await startRedis();
  ({ redis, handle } = localProcessing(server.port, {
    connectTimeoutMs: 1000,
    commandTimeoutMs: 1000,
    settings: processingSettings({ retentionSeconds: 3600, rejectedCap: 10 }),
  }));
  redis.on("error", () => {});
});
afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

describe("processing while Redis is down", () => {
  const symbols = Array.from({ length: 50 }, (_, i) => `SYM${i}`);
  const event = kinesisEventFactory([
    ...symbols.map((s) => kinesisRecordFactory(envelopeFactory(s))),
    kinesisRecordFactory("poison", { partitionKey: "X" }),
  ]);

  // The test timeout bounds "fails fast": a hang would run into it long before a Lambda timeout.
  it("returns every record as a batch item failure instead of hanging", { timeout: 10_000 }, async () => {
    await redis.ping();
    await server.stop();
    const result = await handle(event);
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(
      event.Records.map((r) => r.kinesis.sequenceNumber).sort(),
    );
  });

  it("stores the whole retried batch once Redis is back", async () => {
    await server.restart();
    const result = await handle(event);
    expect(result).toEqual({ batchItemFailures: [] });
    expect(await redis.scard("bavest:symbols")).toBe(symbols.length);
    expect(await redis.llen("bavest:rejected")).toBe(1);
  });

  it("fails the batch on the command timeout when Redis accepts but never answers", {
    timeout: 10_000,
  }, async () => {
    await redis.ping();
    process.kill(server.pid, "SIGSTOP");
    try {
      const result = await handle(event);
      expect(result.batchItemFailures).toHaveLength(event.Records.length);
    } finally {
      process.kill(server.pid, "SIGCONT");
    }
  });
});
