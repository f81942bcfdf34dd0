import { describe, expect, it } from "vitest";
import { decodeRecordData, encodeEnvelope, observedAtOf, parseEnvelope } from "../../../src/core/envelope.js";
import { normalizeSymbol } from "../../../src/core/symbol.js";
import { envelopeFactory } from "../../helpers/factories.js";

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

describe("normalizeSymbol", () => {
  it.each([
    [" aapl ", "AAPL"],
    ["bmw.de", "BMW.DE"],
    ["BRK-B", "BRK-B"],
    ["^GSPC", "^GSPC"],
    ["EURUSD=X", "EURUSD=X"],
    ["A_B", "A_B"],
  ])("normalises %j to %j", (raw, expected) => {
    expect(normalizeSymbol(raw)).toBe(expected);
  });

  it.each([[""], ["a b"], ["A".repeat(25)], ["AAPL!"], [42], [null]])("refuses %j", (raw) => {
    expect(normalizeSymbol(raw)).toBeNull();
  });
});

describe("parseEnvelope", () => {
  it("accepts a valid envelope and normalises the symbol", () => {
    const result = parseEnvelope({ ...envelopeFactory(), symbol: " aapl " });
    expect(result).toEqual({ ok: true, envelope: { ...envelopeFactory(), symbol: "AAPL" } });
  });

  it.each([
    ["not an object", [1, 2], /not a JSON object/],
    ["unknown schemaVersion", { ...envelopeFactory(), schemaVersion: 2 }, /schemaVersion 2 is unknown/],
    ["missing symbol", { ...envelopeFactory(), symbol: undefined }, /symbol is missing/],
    ["invalid symbol", { ...envelopeFactory(), symbol: "a b" }, /symbol "a b" is not 1-24 characters/],
    ["no quote", { ...envelopeFactory(), quote: undefined }, /quote of AAPL is missing/],
    [
      "quote not an object",
      { ...envelopeFactory(), quote: "x" },
      /quote of AAPL is missing or not an object/,
    ],
    [
      "bad fetchedAt",
      { ...envelopeFactory(), fetchedAt: "yesterday" },
      /fetchedAt "yesterday" is not an ISO 8601/,
    ],
    [
      "no timestamp",
      { ...envelopeFactory("AAPL", { t: null }), fetchedAt: undefined },
      /no timestamp: fetchedAt is missing and quote.t/,
    ],
  ])("rejects %s, naming the field", (_name, value, reason) => {
    const result = parseEnvelope(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it("lets fixtures leave out schemaVersion and source", () => {
    const { schemaVersion: _v, source: _s, ...rest } = envelopeFactory();
    const result = parseEnvelope(rest, { fixture: true });
    expect(result).toEqual({ ok: true, envelope: { ...envelopeFactory(), source: "fixture" } });
  });

  it("takes fetchedAt from quote.t when it is missing", () => {
    const result = parseEnvelope({ ...envelopeFactory(), fetchedAt: undefined });
    expect(result.ok && result.envelope.fetchedAt).toBe("2025-11-20T15:00:00.000Z");
  });
});

describe("decodeRecordData", () => {
  it("decodes base64 JSON and bytes alike", () => {
    const envelope = envelopeFactory();
    expect(decodeRecordData(b64(JSON.stringify(envelope)))).toEqual({ ok: true, envelope });
    expect(decodeRecordData(encodeEnvelope(envelope))).toEqual({ ok: true, envelope });
  });

  it("rejects invalid UTF-8", () => {
    expect(decodeRecordData(Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]))).toEqual({
      ok: false,
      reason: "data is not valid UTF-8",
    });
  });

  it("rejects text that is not JSON", () => {
    const result = decodeRecordData(b64("<html>"));
    expect(result.ok === false && result.reason).toMatch(/^data is not JSON/);
  });
});

describe("observedAtOf", () => {
  it("uses quote.t in seconds when it is a number > 0", () => {
    expect(observedAtOf(envelopeFactory("AAPL", { t: 1763650800 })).toISOString()).toBe(
      "2025-11-20T15:00:00.000Z",
    );
  });

  it.each([[0], [-5], ["1763650800"], [null]])("falls back to fetchedAt when t is %j", (t) => {
    expect(observedAtOf(envelopeFactory("AAPL", { t })).toISOString()).toBe("2026-11-20T15:00:02.120Z");
  });
});
