import { describe, expect, it } from "vitest";
import { decodeRecordData } from "../../../src/core/envelope.js";
import { SEED_ISIN, seedRecord } from "../../helpers/seedRecords.js";

const NOW = new Date("2026-11-20T15:05:00.000Z");
/** What Bavest answers the seed's `POST /quote {"isin": "DE0005104400"}`: a v0 quote, no symbol. */
const QUOTE = {
  c: 172.3,
  d: 1.1,
  dp: 0.64,
  h: 173,
  l: 170.9,
  o: 171.2,
  pc: 171.2,
  t: 1763650800,
  metrics: { eps: 9.1, "pe/ratio": 18.9 },
};

describe("the seed's own records, taken as a legacy envelope", () => {
  it("maps data, ingestion_timestamp and source, the symbol from the partition key", () => {
    const record = seedRecord(QUOTE, new Date("2026-11-20T15:00:02.000Z"));
    expect(record.data.toString("utf8")).toMatch(/^\{"data": \{"c": 172.3, /);
    const decoded = decodeRecordData(record.data, { now: NOW, partitionKey: record.partitionKey });
    expect(decoded).toEqual({
      ok: true,
      envelope: {
        schemaVersion: 1,
        symbol: SEED_ISIN,
        fetchedAt: "2026-11-20T15:00:02.123Z",
        source: "legacy:bavest_api",
        quote: QUOTE,
      },
    });
  });

  it("takes the quote's own symbol over the partition key, and a timestamp without microseconds", () => {
    const record = seedRecord({ ...QUOTE, symbol: "deutsche.de" }, new Date("2026-11-20T15:00:02.000Z"), 0);
    const decoded = decodeRecordData(record.data, { now: NOW, partitionKey: record.partitionKey });
    expect(decoded).toMatchObject({
      ok: true,
      envelope: { symbol: "DEUTSCHE.DE", fetchedAt: "2026-11-20T15:00:02.000Z" },
    });
  });

  it("decodes base64 as a Lambda event carries it, and still rejects what is neither shape", () => {
    const record = seedRecord(QUOTE, new Date("2026-11-20T15:00:02.000Z"));
    expect(decodeRecordData(record.data.toString("base64"), { now: NOW, partitionKey: SEED_ISIN }).ok).toBe(
      true,
    );
    expect(
      decodeRecordData(Buffer.from('{"data": {"c": 1}}'), { now: NOW, partitionKey: SEED_ISIN }),
    ).toMatchObject({
      ok: false,
      reason: "symbol is missing",
    });
    expect(decodeRecordData(record.data, { now: NOW })).toMatchObject({
      ok: false,
      reason: "symbol is missing",
    });
  });
});
