import { connect, createServer, type Server } from "node:net";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProcessingHandler } from "../../src/lambdas/processing/handler.js";
import { envelopeFactory, kinesisEventFactory, kinesisRecordFactory } from "../helpers/factories.js";
import { freePort } from "../helpers/ports.js";
import { localProcessing } from "../helpers/processing.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";

/**
 * A TCP proxy that counts round trips: a new one starts each time the client sends after
 * Redis has answered (many TCP segments of one pipelined write count once).
 */
async function startCountingProxy(
  targetPort: number,
): Promise<{ port: number; roundTrips(): number; server: Server }> {
  let roundTrips = 0;
  const server = createServer((client) => {
    const upstream = connect(targetPort, "127.0.0.1");
    let lastFromClient = false;
    client.on("data", (chunk) => {
      if (!lastFromClient) roundTrips += 1;
      lastFromClient = true;
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      lastFromClient = false;
      client.write(chunk);
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.on("error", () => {});
    upstream.on("error", () => {});
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { port, roundTrips: () => roundTrips, server };
}

let server: RedisServerHandle;
let proxy: Awaited<ReturnType<typeof startCountingProxy>>;
let redis: Redis;
let handle: ProcessingHandler;

beforeAll(async () => {
  server = await startRedis();
  proxy = await startCountingProxy(server.port);
  ({ redis, handle } = localProcessing(proxy.port, { connectTimeoutMs: 2000, commandTimeoutMs: 5000 }));
  await redis.ping();
});
afterAll(async () => {
  redis?.disconnect();
  proxy?.server.close();
  await server?.stop();
});

describe("Redis round trips per batch", () => {
  it("stores a batch of 1,000 records in a handful of round trips", async () => {
    const records = Array.from({ length: 1000 }, (_, i) =>
      i % 100 === 99
        ? kinesisRecordFactory("poison", { partitionKey: "X" })
        : kinesisRecordFactory(envelopeFactory(`S${i % 50}`, { t: 1763650800 + i })),
    );
    const before = proxy.roundTrips();
    const result = await handle(kinesisEventFactory(records));
    const used = proxy.roundTrips() - before;
    console.info(`round trips for a batch of 1000 records: ${used}`);
    expect(result).toEqual({ batchItemFailures: [] });
    expect(await redis.scard("bavest:symbols")).toBe(50);
    expect(await redis.llen("bavest:rejected")).toBe(10);
    // One write of the whole batch, one answer (a second only if Redis must first learn the script).
    expect(used).toBeLessThanOrEqual(2);
  });

  it("writes a batch of 2,500 records, three script calls, in one round trip, every record's outcome recorded", async () => {
    const records = Array.from({ length: 2500 }, (_, i) =>
      kinesisRecordFactory(envelopeFactory(`R${i % 50}`, { t: 1763660800 + i })),
    );
    const before = proxy.roundTrips();
    const result = await handle(kinesisEventFactory(records));
    expect(proxy.roundTrips() - before).toBe(1);
    expect(result).toEqual({ batchItemFailures: [] });
    const ours = new Set(records.map((record) => record.kinesis.sequenceNumber));
    const outcomes = new Map<string, string>();
    for (const [, fields] of await redis.xrange("bavest:outcomes", "-", "+"))
      for (let f = 0; f + 1 < fields.length; f += 2)
        if (ours.has(fields[f] as string)) outcomes.set(fields[f] as string, fields[f + 1] as string);
    expect(outcomes.size).toBe(2500);
    expect(new Set(outcomes.values())).toEqual(new Set(["stored"]));
  });
});
