import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseEnvelope } from "../../src/core/analysis.js";
import { decodeRecordData, encodeEnvelope, parseEnvelope } from "../../src/core/envelope.js";
import { replayableLine } from "../../src/local/mapping/deadLetter.js";
import { writeLocalPipelineRecord } from "../../src/local/state.js";
import { fixtureEnvelopeCodec } from "../../src/replay/codec.js";
import { validateRecords } from "../../src/replay/validate.js";
import { envelopeFactory } from "../helpers/factories.js";
import { runInProcess } from "../helpers/inProcess.js";
import { localPipelineRecord } from "../helpers/localStream.js";

// Issue J.2: decoding must never throw, whatever the bytes. A record nested 5,000 levels deep
// made JSON.stringify overflow the stack inside describe(), which stopped dev's shard and made
// replay print "Unexpected error" without naming the line.
const RUNS = { numRuns: 200 };
const meta = { sequenceNumber: "1", processedAt: new Date("2026-11-20T15:00:03.010Z") };

const nested = (depth: number, open = "[", close = "]", inner = "1") =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

/** Envelopes whose fields are adversarial: deep, huge, odd characters. */
const adversarialTexts: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: 20_000 }).map((d) => nested(d)),
  fc.integer({ min: 1, max: 20_000 }).map(nestedObject),
  fc
    .integer({ min: 1, max: 20_000 })
    .map((d) => JSON.stringify(envelopeFactory("AAPL")).replace('"eps":6.43', `"eps":${nested(d)}`)),
  fc
    .integer({ min: 1, max: 20_000 })
    .map((d) => JSON.stringify(envelopeFactory("AAPL")).replace('"AAPL"', nested(d))),
  fc
    .integer({ min: 1, max: 20_000 })
    .map((d) => JSON.stringify(envelopeFactory("AAPL")).replace('"bavest"', nestedObject(d))),
  fc.constantFrom("1e400", "-1e400", "1".repeat(5000), `"${"x".repeat(2_000_000)}"`),
  fc.constantFrom(
    JSON.stringify(envelopeFactory("AAPL", { t: 1e308, c: 1e308 })),
    JSON.stringify(envelopeFactory("AAPL", { t: Number.MAX_SAFE_INTEGER })),
    JSON.stringify(envelopeFactory("AAPL")).replace("1763650800", "1e400"),
    JSON.stringify(envelopeFactory("AAPL")).replace('"AAPL"', '"\\ud800"'),
    JSON.stringify(envelopeFactory("AAPL")).replace('"bavest"', '"\\udfff\\ud800"'),
    `\ufeff${JSON.stringify(envelopeFactory("AAPL"))}`,
    `\ufeff\ufeff${JSON.stringify(envelopeFactory("AAPL"))}`,
    '{"schemaVersion":1,"symbol":"AAPL","symbol":"MSFT","quote":{"t":1},"quote":{"t":1763650800}}',
    '{"__proto__":{"symbol":"AAPL"},"quote":{"t":1763650800}}',
    JSON.stringify({ ...envelopeFactory("AAPL"), fetchedAt: "x".repeat(3_000_000) }),
  ),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.json({ maxDepth: 6 }),
);

/** Everything the pipeline does with one record's bytes: none of it may throw. */
function handleEverywhere(bytes: Uint8Array): void {
  const decoded = decodeRecordData(bytes);
  expect(typeof decoded.ok).toBe("boolean");
  if (!decoded.ok) {
    expect(typeof decoded.reason).toBe("string");
    expect(decoded.reason.length).toBeLessThan(500);
  } else {
    encodeEnvelope(decoded.envelope);
    JSON.stringify(analyseEnvelope(decoded.envelope, meta));
  }
  replayableLine({
    shardId: "shardId-000000000000",
    sequenceNumber: "1",
    partitionKey: "AAPL",
    data: bytes,
    approximateArrivalTimestamp: new Date(),
  });
  decodeRecordData(Buffer.from(bytes).toString("base64"));
}

describe("decoding never throws", () => {
  it("on JSON nested 5,000 and 100,000 levels deep (arrays and objects), rejecting it with a reason", () => {
    for (const text of [nested(5_000), nested(100_000), nestedObject(5_000), nestedObject(100_000)]) {
      const decoded = decodeRecordData(Buffer.from(text));
      expect(decoded).toEqual({ ok: false, reason: expect.stringMatching(/nest/) });
    }
  });

  it("on a valid envelope with a quote nested 5,000 levels deep", () => {
    const text = JSON.stringify(envelopeFactory("AAPL")).replace('"eps":6.43', `"eps":${nested(5_000)}`);
    expect(() => handleEverywhere(Buffer.from(text))).not.toThrow();
    expect(decodeRecordData(Buffer.from(text))).toEqual({
      ok: false,
      reason: expect.stringMatching(/nests more than \d+ levels/),
    });
  });

  it("on adversarial texts (deep, huge, lone surrogates, BOMs, duplicate keys)", () => {
    fc.assert(
      fc.property(adversarialTexts, (text) => handleEverywhere(Buffer.from(text, "utf8"))),
      { numRuns: 60 },
    );
  });

  it("on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => handleEverywhere(bytes)),
      RUNS,
    );
  });

  it("on arbitrary JSON values parsed as fixtures", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseEnvelope(value, { fixture: true });
        if (result.ok) encodeEnvelope(result.envelope);
        const validated = validateRecords([{ index: 0, label: "line 1", value }], fixtureEnvelopeCodec);
        expect(validated.entries.length + validated.invalid.length).toBe(1);
      }),
      RUNS,
    );
  });

  it("keeps valid envelopes working: duplicate keys keep the last, a BOM is accepted", () => {
    const duplicate = decodeRecordData(
      Buffer.from('{"schemaVersion":1,"symbol":"aapl","symbol":"MSFT","quote":{"t":1763650800}}'),
    );
    expect(duplicate.ok && duplicate.envelope.symbol).toBe("MSFT");
    const bom = decodeRecordData(Buffer.from(`\ufeff${JSON.stringify(envelopeFactory("SAP.DE"))}`));
    expect(bom.ok && bom.envelope.symbol).toBe("SAP.DE");
    const lone = decodeRecordData(Buffer.from(JSON.stringify({ ...envelopeFactory(), symbol: "\ud800" })));
    expect(lone.ok).toBe(false);
  });
});

describe("replay names the line of a record that cannot be decoded", () => {
  it("stops before sending with the line number and the reason, exit 1", async () => {
    const home = await mkdtemp(join(tmpdir(), "bavest-deep-"));
    await writeLocalPipelineRecord(localPipelineRecord(home), { BAVEST_SIGNALS_HOME: home });
    const file = join(home, "deep.jsonl");
    const good = JSON.stringify(envelopeFactory("AAPL"));
    const deep = good.replace('"eps":6.43', `"eps":${nested(5_000)}`);
    await writeFile(file, `${good}\n${good}\n${deep}\n`);
    const run = await runInProcess(["replay", "--local", file], { BAVEST_SIGNALS_HOME: home });
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/Unexpected error/);
    expect(run.stderr).toMatch(/line 3: .*nests more than \d+ levels/);
  });
});
