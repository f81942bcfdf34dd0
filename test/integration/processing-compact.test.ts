import type { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { analyseEnvelope } from "../../src/core/analysis.js";
import { serializeSignal } from "../../src/core/writePlan.js";
import type { ProcessingHandler } from "../../src/lambdas/processing/handler.js";
import {
  envelopeFactory,
  kinesisEventFactory,
  kinesisRecordFactory,
  recordAt,
} from "../helpers/factories.js";
import { useLocalProcessing } from "../helpers/processing.js";

const T0 = 1763650800;
let redis: Redis;
let handle: ProcessingHandler;

useLocalProcessing({ connectTimeoutMs: 2000, commandTimeoutMs: 2000 }, (local) => {
  ({ redis, handle } = local);
});

async function changes(): Promise<Record<string, string>[]> {
  const entries = await redis.xrange("bavest:changes", "-", "+");
  return entries.map(([, fields]) => {
    const entry: Record<string, string> = {};
    for (let i = 0; i < fields.length; i += 2) entry[fields[i] as string] = fields[i + 1] as string;
    return entry;
  });
}

describe("compact history", () => {
  it("stores each observation without null and per-delivery fields; latest keeps them", async () => {
    // No eps and no provider P/E: peRatio, peSource, eps and earningsYield are null.
    await handle(kinesisEventFactory([recordAt("AAPL", T0, { metrics: {} })]));
    const stored = JSON.parse((await redis.get(`bavest:pe_ratio:AAPL:${T0 * 1000}`)) ?? "null");
    expect(Object.keys(stored).sort()).toEqual(
      ["category", "currency", "observedAt", "price", "signal", "symbol"].sort(),
    );
    const latest = JSON.parse((await redis.get("bavest:latest:AAPL")) ?? "null");
    expect(latest).toMatchObject({ ...stored, peRatio: null, eps: null });
    expect(Object.keys(latest)).toEqual(
      expect.arrayContaining(["ingestedAt", "processedAt", "sequenceNumber"]),
    );
  });

  it("recognises a replay of an observation stored in the full form of earlier versions", async () => {
    const envelope = envelopeFactory("AAPL", { t: T0 });
    const signal = analyseEnvelope(envelope, { sequenceNumber: "1", processedAt: new Date() });
    const old = serializeSignal(signal).json;
    const key = `bavest:pe_ratio:AAPL:${T0 * 1000}`;
    await redis.set(key, old, "EX", 600);
    await redis.set("bavest:latest:AAPL", old);
    await redis.zadd("bavest:pe_history:AAPL", T0 * 1000, String(T0 * 1000));
    await handle(kinesisEventFactory([kinesisRecordFactory(envelope)]));
    // A duplicate changes nothing: the old value and its TTL stay.
    expect(await redis.get(key)).toBe(old);
    expect(await redis.ttl(key)).toBeLessThanOrEqual(600);
  });
});

describe("deliveries of one observation", () => {
  const fetchedAt = (iso: string) => (t: number) =>
    kinesisRecordFactory(envelopeFactory("AAPL", { t }, { fetchedAt: iso }));

  it("refreshes latest when the newest observation is fetched again (a closed market's quote)", async () => {
    await handle(kinesisEventFactory([fetchedAt("2025-11-20T15:00:02.000Z")(T0)]));
    await handle(kinesisEventFactory([fetchedAt("2025-11-20T15:05:02.000Z")(T0)]));
    const latest = JSON.parse((await redis.get("bavest:latest:AAPL")) ?? "null");
    expect(latest.ingestedAt).toBe("2025-11-20T15:05:02.000Z");
    expect(await redis.xlen("bavest:changes")).toBe(0);
  });

  it("counts a new fetch of an older observation as a duplicate: history keeps no delivery fields", async () => {
    await handle(kinesisEventFactory([fetchedAt("2025-11-20T15:00:02.000Z")(T0)]));
    await handle(kinesisEventFactory([fetchedAt("2025-11-20T15:10:02.000Z")(T0 + 600)]));
    const before = await redis.get("bavest:latest:AAPL");
    const key = `bavest:pe_ratio:AAPL:${T0 * 1000}`;
    await redis.expire(key, 100);
    await handle(kinesisEventFactory([fetchedAt("2025-11-20T15:20:02.000Z")(T0)]));
    expect(await redis.ttl(key)).toBeLessThanOrEqual(100);
    expect(await redis.get("bavest:latest:AAPL")).toBe(before);
  });
});

describe("the changes feed", () => {
  it("adds an entry when the newest observation changes signal or category, none for a replay", async () => {
    const first = recordAt("AAPL", T0, { c: 189.84 }); // P/E 29.5: expensive, sell
    const same = recordAt("AAPL", T0 + 60, { c: 190 }); // still expensive, sell
    const cheaper = recordAt("AAPL", T0 + 120, { c: 120 }); // P/E 18.7: growth_stock, hold
    await handle(kinesisEventFactory([first, same, cheaper]));
    expect(await changes()).toEqual([
      {
        symbol: "AAPL",
        observedAt: new Date((T0 + 120) * 1000).toISOString(),
        from: "sell",
        to: "hold",
        fromCategory: "expensive",
        toCategory: "growth_stock",
        peRatio: String(120 / 6.43),
      },
    ]);
    const replayed = [first, same, cheaper].map((r) => ({
      ...r,
      kinesis: { ...r.kinesis, sequenceNumber: `${r.kinesis.sequenceNumber}7` },
    }));
    await handle(kinesisEventFactory(replayed));
    expect(await changes()).toHaveLength(1);
  });

  it("adds nothing for an older record that does not become latest", async () => {
    await handle(kinesisEventFactory([recordAt("MSFT", T0 + 600, { c: 189.84 })]));
    await handle(kinesisEventFactory([recordAt("MSFT", T0, { c: 50 })]));
    expect(await changes()).toEqual([]);
  });

  it("records a change to a signal without a P/E with an empty peRatio", async () => {
    await handle(kinesisEventFactory([recordAt("TSLA", T0, { c: 189.84 })]));
    await handle(kinesisEventFactory([recordAt("TSLA", T0 + 60, { metrics: { eps: -2 } })]));
    expect(await changes()).toMatchObject([
      { from: "sell", to: "avoid", toCategory: "negative_earnings", peRatio: "" },
    ]);
  });
});
