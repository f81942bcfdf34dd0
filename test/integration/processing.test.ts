import type { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import type { ProcessingHandler } from "../../src/lambdas/processing/handler.js";
import {
  envelopeFactory,
  kinesisEventFactory,
  kinesisRecordFactory,
  recordAt,
} from "../helpers/factories.js";
import { processingSettings, useLocalProcessing } from "../helpers/processing.js";

const HOUR_SECONDS = 3600;
const settings = processingSettings({ retentionSeconds: 2 * HOUR_SECONDS, rejectedCap: 3 });
const T0 = 1763650800;

let redis: Redis;
let handle: ProcessingHandler;

useLocalProcessing({ connectTimeoutMs: 2000, commandTimeoutMs: 2000, settings }, (local) => {
  ({ redis, handle } = local);
});

/** Every key with its value and absolute expiry, to compare whole database states. */
async function snapshot(): Promise<Record<string, unknown>> {
  const state: Record<string, unknown> = {};
  // The outcomes stream logs every delivery (a replay's "duplicate" too); the data is the rest.
  for (const key of (await redis.keys("*")).filter((key) => key !== "bavest:outcomes").sort()) {
    const type = await redis.type(key);
    const value =
      type === "string"
        ? await redis.get(key)
        : type === "zset"
          ? await redis.zrange(key, 0, "-1", "WITHSCORES")
          : type === "set"
            ? (await redis.smembers(key)).sort()
            : await redis.lrange(key, 0, -1);
    state[key] = { value, expireAt: await redis.call("EXPIRETIME", key) };
  }
  return state;
}

describe("processing against Redis", () => {
  it("writes the Signal, latest, history and symbols with the retention as TTL", async () => {
    const record = recordAt("aapl", T0);
    const result = await handle(kinesisEventFactory([record]));
    expect(result).toEqual({ batchItemFailures: [] });
    const peKey = `bavest:pe_ratio:AAPL:${T0 * 1000}`;
    const stored = JSON.parse((await redis.get(peKey)) ?? "null");
    expect(stored).toMatchObject({ symbol: "AAPL", peSource: "computed" });
    const latest = JSON.parse((await redis.get("bavest:latest:AAPL")) ?? "null");
    expect(latest).toMatchObject({ ...stored, sequenceNumber: record.kinesis.sequenceNumber });
    const ttl = await redis.ttl(peKey);
    expect(ttl).toBeGreaterThan(settings.retentionSeconds - 5);
    expect(ttl).toBeLessThanOrEqual(settings.retentionSeconds);
    expect(await redis.ttl("bavest:latest:AAPL")).toBe(-1);
    expect(await redis.zrange("bavest:pe_history:AAPL", 0, "-1", "WITHSCORES")).toEqual([
      `${T0 * 1000}`,
      `${T0 * 1000}`,
    ]);
    expect(await redis.smembers("bavest:symbols")).toEqual(["AAPL"]);
  });

  it("changes nothing when the same records are delivered again", async () => {
    const event = kinesisEventFactory([
      recordAt("AAPL", T0),
      recordAt("MSFT", T0),
      recordAt("AAPL", T0 + 60),
    ]);
    await handle(event);
    const before = await snapshot();
    const again = kinesisEventFactory(
      event.Records.map((r) => ({
        ...r,
        kinesis: { ...r.kinesis, sequenceNumber: `${r.kinesis.sequenceNumber}9` },
      })),
    );
    expect(await handle(again)).toEqual({ batchItemFailures: [] });
    expect(await snapshot()).toEqual(before);
  });

  it("replaces an observation when the same observedAt arrives with new content", async () => {
    await handle(kinesisEventFactory([recordAt("AAPL", T0, { c: 100 })]));
    await handle(kinesisEventFactory([recordAt("AAPL", T0, { c: 120 })]));
    expect(JSON.parse((await redis.get("bavest:latest:AAPL")) ?? "{}").price).toBe(120);
  });

  it("keeps the newer latest when an older record arrives", async () => {
    await handle(kinesisEventFactory([recordAt("AAPL", T0 + 600, { c: 200 })]));
    await handle(kinesisEventFactory([recordAt("AAPL", T0, { c: 100 })]));
    expect(JSON.parse((await redis.get("bavest:latest:AAPL")) ?? "{}").price).toBe(200);
    expect(await redis.zcard("bavest:pe_history:AAPL")).toBe(2);
  });

  it("trims history older than the newest observation minus the retention", async () => {
    const newest = T0 + 3 * HOUR_SECONDS;
    await handle(kinesisEventFactory([recordAt("AAPL", T0), recordAt("AAPL", T0 + 2 * HOUR_SECONDS)]));
    await handle(kinesisEventFactory([recordAt("AAPL", newest)]));
    expect(await redis.zrange("bavest:pe_history:AAPL", 0, "-1")).toEqual([
      `${(T0 + 2 * HOUR_SECONDS) * 1000}`,
      `${newest * 1000}`,
    ]);
    // An observation already outside the window is not stored at all.
    await handle(kinesisEventFactory([recordAt("AAPL", T0 - 60)]));
    expect(await redis.exists(`bavest:pe_ratio:AAPL:${(T0 - 60) * 1000}`)).toBe(0);
  });
});

describe("poison records", () => {
  const poison: [string, unknown][] = [
    ["not UTF-8", Uint8Array.from([0x7b, 0xc3, 0x28, 0x7d])],
    ["not JSON", "<html>Bad gateway</html>"],
    ["not an object", [1, 2, 3]],
    ["unknown schemaVersion", { ...envelopeFactory("AAPL"), schemaVersion: 7 }],
    ["invalid symbol", { ...envelopeFactory("AAPL"), symbol: "not a symbol" }],
    ["missing symbol", { ...envelopeFactory("AAPL"), symbol: undefined }],
    ["no quote object", { ...envelopeFactory("AAPL"), quote: null }],
    ["no timestamp", { ...envelopeFactory("AAPL", { t: 0 }), fetchedAt: undefined }],
  ];

  it.each(poison)("quarantines a record that is %s while its neighbours are stored", async (_kind, body) => {
    const before = recordAt("MSFT", T0);
    const bad = kinesisRecordFactory(body, { partitionKey: "AAPL" });
    const after = recordAt("NVDA", T0);
    const result = await handle(kinesisEventFactory([before, bad, after]));
    expect(result).toEqual({ batchItemFailures: [] });
    expect((await redis.smembers("bavest:symbols")).sort()).toEqual(["MSFT", "NVDA"]);
    const rejected = (await redis.lrange("bavest:rejected", 0, -1)).map((e) => JSON.parse(e));
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ sequenceNumber: bad.kinesis.sequenceNumber, partitionKey: "AAPL" });
    expect(rejected[0].reason).toEqual(expect.any(String));
  });

  it("turns a valid envelope with unusable numbers into an insufficient_data Signal", async () => {
    await handle(kinesisEventFactory([recordAt("AAPL", T0, { c: "n/a", metrics: {} })]));
    expect(JSON.parse((await redis.get("bavest:latest:AAPL")) ?? "{}").category).toBe("insufficient_data");
    expect(await redis.llen("bavest:rejected")).toBe(0);
  });

  it("caps the rejected list, newest first", async () => {
    const bad = ["1", "2", "3", "4", "5"].map((n) =>
      kinesisRecordFactory(`garbage ${n}`, { partitionKey: n }),
    );
    for (const record of bad) await handle(kinesisEventFactory([record]));
    const kept = (await redis.lrange("bavest:rejected", 0, -1)).map((e) => JSON.parse(e).partitionKey);
    expect(kept).toEqual(["5", "4", "3"]);
  });
});
