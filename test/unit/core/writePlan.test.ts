import { describe, expect, it } from "vitest";
import { analyseEnvelope } from "../../../src/core/analysis.js";
import { redisKeys } from "../../../src/core/redisKeys.js";
import {
  compactSignalJson,
  planRejectWrite,
  planSignalWrite,
  serializeSignal,
} from "../../../src/core/writePlan.js";
import { envelopeFactory } from "../../helpers/factories.js";

const signal = analyseEnvelope(envelopeFactory("AAPL"), {
  sequenceNumber: "1",
  processedAt: new Date("2026-11-20T15:00:03.010Z"),
});

describe("planSignalWrite", () => {
  it("targets the contract keys with the observation time in ms", () => {
    const write = planSignalWrite(signal, redisKeys("bavest"), 604800);
    expect(write.keys).toEqual([
      "bavest:pe_ratio:AAPL:1763650800000",
      "bavest:latest:AAPL",
      "bavest:pe_history:AAPL",
      "bavest:symbols",
      "bavest:changes",
    ]);
    expect(write.args.slice(1, 4)).toEqual(["1763650800000", "604800", "AAPL"]);
    expect(JSON.parse(write.args[0])).toEqual(signal);
    expect(write.args.slice(6, 10)).toEqual([
      signal.signal,
      signal.category,
      String(signal.peRatio),
      signal.observedAt,
    ]);
  });
});

describe("compactSignalJson", () => {
  it("leaves out null and per-delivery fields and is equal for two deliveries", () => {
    const missing = { ...signal, peRatio: null, peSource: null };
    const compact = JSON.parse(compactSignalJson(missing));
    expect(compact).not.toHaveProperty("peRatio");
    expect(compact).not.toHaveProperty("processedAt");
    expect(compact).not.toHaveProperty("sequenceNumber");
    expect(compact).not.toHaveProperty("ingestedAt");
    expect(compact).toMatchObject({ symbol: "AAPL", price: signal.price, category: signal.category });
    const again = { ...missing, processedAt: "2027-01-01T00:00:00.000Z", sequenceNumber: "9" };
    expect(compactSignalJson(again)).toBe(compactSignalJson(missing));
  });
});

describe("serializeSignal", () => {
  it("gives the same stable prefix to two deliveries of one observation", () => {
    const again = { ...signal, processedAt: "2026-11-21T00:00:00.000Z", sequenceNumber: "2" };
    const first = serializeSignal(signal);
    const second = serializeSignal(again);
    expect(second.stablePrefix).toBe(first.stablePrefix);
    expect(second.json.startsWith(first.stablePrefix)).toBe(true);
    expect(second.json).not.toBe(first.json);
  });

  it("gives a different prefix when the content changes", () => {
    expect(serializeSignal({ ...signal, price: 1 }).stablePrefix).not.toBe(
      serializeSignal(signal).stablePrefix,
    );
  });
});

describe("planRejectWrite", () => {
  const at = new Date("2026-11-20T15:00:00.000Z");
  const keys = redisKeys("bavest");

  it("keeps at most 1 KiB of the data, cut on a character boundary", () => {
    const data = Buffer.from("é".repeat(2000), "utf8");
    const write = planRejectWrite(
      { reason: "r", sequenceNumber: "9", partitionKey: "X", data },
      keys,
      10,
      at,
    );
    const entry = JSON.parse(write.entry);
    expect(Buffer.byteLength(entry.data, "utf8")).toBe(1024);
    expect(entry).toMatchObject({
      reason: "r",
      sequenceNumber: "9",
      partitionKey: "X",
      rejectedAt: at.toISOString(),
    });
    expect(write).toMatchObject({ key: "bavest:rejected", cap: 10 });
  });

  it("stores data that is not UTF-8 as base64", () => {
    const data = Uint8Array.from([0xff, 0xfe, 0x00]);
    const entry = JSON.parse(
      planRejectWrite({ reason: "r", sequenceNumber: "9", partitionKey: "X", data }, keys, 10, at).entry,
    );
    expect(entry).toMatchObject({ data: "//4A", dataEncoding: "base64" });
  });
});
