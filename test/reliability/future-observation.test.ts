import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeRecordData, parseEnvelope } from "../../src/core/envelope.js";
import { redisKeys } from "../../src/core/redisKeys.js";
import { fixtureEnvelopeCodec } from "../../src/replay/codec.js";
import { validateRecords } from "../../src/replay/validate.js";
import { envelopeFactory, kinesisEventFactory, kinesisRecordFactory } from "../helpers/factories.js";
import { localProcessing } from "../helpers/processing.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";
import { expectedHistory, historyMismatches, observations } from "./support/observations.js";

// Issue J.3: a quote.t sent in milliseconds (year 57857) became latest, trimmed the symbol's
// history from 50 entries to 1, and every later real observation was dropped as stale.
// docs/contracts.md section 1: more than 24 h ahead of processing time is poison.
let redis: RedisServerHandle;
let db: Redis;

beforeAll(async () => {
  redis = await startRedis();
  db = new Redis(redis.url);
});

afterAll(async () => {
  db.disconnect();
  await redis.stop();
});

describe("an observation from the future", () => {
  it("is rejected with a reason and never stored; the symbol's history and later records are kept", async () => {
    const { redis: client, handle } = localProcessing(redis.port, {
      connectTimeoutMs: 1_000,
      commandTimeoutMs: 1_000,
    });
    const before = observations(["AAPL"], 50);
    const milliseconds = envelopeFactory("AAPL", { t: 1_763_650_800 * 1000 + 123 });
    const after = observations(["AAPL"], 10, 50);
    const records = [...before, milliseconds, ...after].map((r) => kinesisRecordFactory(r));
    const response = await handle(kinesisEventFactory(records));
    client.disconnect();
    expect(response.batchItemFailures).toEqual([]);
    // Every real observation stored, the poison one quarantined.
    expect(await historyMismatches(db, expectedHistory([...before, ...after]))).toEqual([]);
    const keys = redisKeys();
    const rejected = (await db.lrange(keys.rejected, 0, -1)).map((e) => JSON.parse(e) as { reason: string });
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toMatch(/more than 24 hours ahead/);
    const latest = JSON.parse((await db.get(keys.latest("AAPL"))) ?? "{}") as { observedAt: string };
    expect(Date.parse(latest.observedAt)).toBe(
      Math.max(...[...before, ...after].map((r) => (r as { quote: { t: number } }).quote.t * 1000)),
    );
  });

  it("is rejected by replay's validation, naming the record", () => {
    const now = Date.now();
    const soon = envelopeFactory("AAPL", { t: Math.floor(now / 1000) + 3600 });
    const tomorrow = envelopeFactory("AAPL", { t: Math.floor(now / 1000) + 25 * 3600 });
    const ms = envelopeFactory("AAPL", { t: now });
    const result = validateRecords(
      [soon, tomorrow, ms].map((value, i) => ({ index: i, label: `line ${i + 1}`, value })),
      fixtureEnvelopeCodec,
    );
    expect(result.entries.map((e) => e.label)).toEqual(["line 1"]);
    expect(result.invalid.map((e) => e.label)).toEqual(["line 2", "line 3"]);
    expect(result.invalid[1]?.reason).toMatch(/more than 24 hours ahead.*seconds/);
  });

  it("applies to fetchedAt when there is no quote.t, measured against the time given", () => {
    const at = new Date("2026-11-20T15:00:00.000Z");
    const late = { ...envelopeFactory("AAPL", { t: undefined }), fetchedAt: "2026-11-21T15:00:01.000Z" };
    expect(parseEnvelope(late, { now: at }).ok).toBe(false);
    expect(parseEnvelope(late, { now: new Date("2026-11-20T15:00:02.000Z") }).ok).toBe(true);
    expect(decodeRecordData(Buffer.from(JSON.stringify(late)), { now: at }).ok).toBe(false);
  });
});

describe("records without schemaVersion on the stream", () => {
  it("mean version 1 (docs/contracts.md section 1) and are stored, not rejected", () => {
    const { schemaVersion: _v, ...rest } = envelopeFactory("MSFT");
    const decoded = decodeRecordData(Buffer.from(JSON.stringify(rest)));
    expect(decoded.ok && decoded.envelope.schemaVersion).toBe(1);
    expect(decodeRecordData(Buffer.from(JSON.stringify({ ...rest, schemaVersion: 2 }))).ok).toBe(false);
  });
});
