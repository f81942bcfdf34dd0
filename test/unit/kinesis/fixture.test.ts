import { describe, expect, it } from "vitest";
import { fixtureValues, InputFormatError, splitRecords } from "../../../src/kinesis/fixture.js";

const envelope = (symbol: string) => ({ symbol, fetchedAt: "2026-11-20T15:00:02.120Z", quote: { c: 1 } });
const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");

describe("splitRecords", () => {
  it("reads a JSON array, labelling records by index", () => {
    const { format, records } = splitRecords(JSON.stringify([envelope("AAPL"), envelope("MSFT")]));
    expect(format).toBe("json-array");
    expect(records.map((r) => [r.index, r.label])).toEqual([
      [0, "index 0"],
      [1, "index 1"],
    ]);
    expect(records[1]?.value).toEqual(envelope("MSFT"));
  });

  it("reads JSON Lines, skipping blank lines and naming the line of a bad one", () => {
    const text = `${JSON.stringify(envelope("AAPL"))}\n\n{"symbol": "MSFT", \n${JSON.stringify(envelope("SAP"))}\n`;
    const { format, records } = splitRecords(text);
    expect(format).toBe("json-lines");
    expect(records.map((r) => [r.index, r.label])).toEqual([
      [0, "line 1"],
      [1, "line 3"],
      [2, "line 4"],
    ]);
    expect(records[1]?.problem).toMatch(/truncated JSON/);
    expect(records[2]?.value).toEqual(envelope("SAP"));
  });

  it("reads a Kinesis event, decoding base64 data", () => {
    const event = { Records: [{ kinesis: { data: base64(envelope("AAPL")) } }, { kinesis: {} }] };
    const { format, records } = splitRecords(JSON.stringify(event));
    expect(format).toBe("kinesis-event");
    expect(records[0]).toMatchObject({ label: "Records[0]", value: envelope("AAPL") });
    expect(records[1]?.problem).toBe("has no kinesis.data string");
  });

  it("names binary and non-base64 data in a Kinesis event", () => {
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x81]).toString("base64");
    const event = { Records: [{ kinesis: { data: binary } }, { kinesis: { data: "not base64!" } }] };
    const { records } = splitRecords(JSON.stringify(event));
    expect(records[0]?.problem).toMatch(/binary/);
    expect(records[1]?.problem).toMatch(/not base64/);
  });

  it("treats one pretty-printed envelope as a single record", () => {
    const { records } = splitRecords(JSON.stringify(envelope("AAPL"), null, 2));
    expect(records).toHaveLength(1);
    expect(records[0]?.value).toEqual(envelope("AAPL"));
  });

  it("rejects a truncated JSON array as a whole", () => {
    const text = JSON.stringify([envelope("AAPL"), envelope("MSFT")]).slice(0, -10);
    expect(() => splitRecords(text)).toThrow(InputFormatError);
    expect(() => splitRecords(text)).toThrow(/truncated JSON/);
  });
});

describe("fixtureValues", () => {
  it("gives every value of each of the three shapes alike", () => {
    const values = [envelope("AAPL"), envelope("MSFT")];
    const lines = values.map((value) => JSON.stringify(value)).join("\n");
    const event = JSON.stringify({ Records: values.map((value) => ({ kinesis: { data: base64(value) } })) });
    for (const text of [JSON.stringify(values), lines, event]) {
      expect(fixtureValues(text)).toMatchObject({ ok: true, values });
    }
  });

  it("stops at the first broken record, naming it, and at a broken whole", () => {
    expect(fixtureValues(`${JSON.stringify(envelope("AAPL"))}\n{oops`)).toMatchObject({
      ok: false,
      label: "line 2",
      problem: expect.stringMatching(/^not valid JSON/),
    });
    const whole = fixtureValues("[1, 2");
    expect(whole).toMatchObject({ ok: false, problem: expect.stringMatching(/truncated JSON/) });
    expect(whole).not.toHaveProperty("label");
  });
});
