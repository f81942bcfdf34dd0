import { describe, expect, it } from "vitest";
import type { RawRecord } from "../../../src/kinesis/fixture.js";
import { fixtureEnvelopeCodec } from "../../../src/replay/codec.js";
import { describeInvalid, MAX_RECORD_BYTES, validateRecords } from "../../../src/replay/validate.js";

const record = (index: number, value: unknown): RawRecord => ({ index, label: `index ${index}`, value });
const good = (symbol: string) => ({ symbol, fetchedAt: "2026-11-20T15:00:02.120Z", quote: { c: 189.84 } });

describe("validateRecords", () => {
  it("encodes valid envelopes with the symbol as partition key", () => {
    const { entries, invalid } = validateRecords([record(0, good(" aapl "))], fixtureEnvelopeCodec);
    expect(invalid).toEqual([]);
    expect(entries[0]?.PartitionKey).toBe("AAPL");
    expect(JSON.parse(Buffer.from(entries[0]?.Data ?? []).toString())).toMatchObject({
      schemaVersion: 1,
      symbol: "AAPL",
      source: "fixture",
    });
  });

  it("names each invalid record and why", () => {
    const records = [
      record(0, good("AAPL")),
      record(1, { ...good("MSFT"), quote: "nope" }),
      record(2, { ...good("has space"), quote: {} }),
      record(3, 42),
      { index: 4, label: "line 9", problem: "not valid JSON (truncated JSON: Unexpected end of JSON input)" },
    ];
    const { entries, invalid } = validateRecords(records, fixtureEnvelopeCodec);
    expect(entries.map((e) => e.index)).toEqual([0]);
    expect(invalid.map((i) => i.label)).toEqual(["index 1", "index 2", "index 3", "line 9"]);
    expect(invalid[0]?.reason).toMatch(/quote of MSFT is missing or not an object/);
    expect(invalid[1]?.reason).toMatch(/symbol "has space" is not/);
    expect(invalid[2]?.reason).toMatch(/not a JSON object/);
    expect(describeInvalid(invalid, 2)).toBe(
      `  index 1: ${invalid[0]?.reason}\n  index 2: ${invalid[1]?.reason}\n  ... and 2 more`,
    );
  });

  it("refuses a record over 1 MiB including the partition key", () => {
    const big = { ...good("AAPL"), quote: { c: 1, pad: "x".repeat(MAX_RECORD_BYTES) } };
    const { invalid } = validateRecords([record(0, big)], fixtureEnvelopeCodec);
    expect(invalid[0]?.reason).toMatch(/is 1\.00 MiB, over the Kinesis limit of 1 MiB per record/);
  });

  it("leaves out records before --from, even invalid ones", () => {
    const { entries, invalid } = validateRecords(
      [record(0, 42), record(1, good("AAPL")), record(2, good("MSFT"))],
      fixtureEnvelopeCodec,
      1,
    );
    expect(invalid).toEqual([]);
    expect(entries.map((e) => e.index)).toEqual([1, 2]);
  });
});
