import { describe, expect, it } from "vitest";
import { analyseEnvelope } from "../../../src/core/analysis.js";
import { compactSignalJson, serializeSignal } from "../../../src/core/writePlan.js";
import { withNullFields } from "../../../src/inspect/read.js";
import { renderSymbolView } from "../../../src/inspect/render.js";
import { newestTimes } from "../../../src/status/redisFacts.js";
import { envelopeFactory } from "../../helpers/factories.js";

const at = (t: number, quote: Record<string, unknown> = {}) =>
  analyseEnvelope(envelopeFactory("AAPL", { t, ...quote }), {
    sequenceNumber: String(t),
    processedAt: new Date((t + 3) * 1000),
  });
const T = 1763650800;

describe("readers of stored values, full (earlier versions) and compact", () => {
  it("give compact values their null fields back and leave full values as they are", () => {
    const missing = at(T, { metrics: {} });
    const compact = JSON.parse(compactSignalJson(missing));
    expect(withNullFields(compact)).toMatchObject({
      peRatio: null,
      eps: null,
      peSource: null,
      earningsYield: null,
    });
    const full = JSON.parse(serializeSignal(missing).json);
    expect(withNullFields(full)).toEqual(missing);
  });

  it("status finds the newest observation in either form, and the newest write only where it is kept", () => {
    const older = serializeSignal(at(T)).json;
    const newer = compactSignalJson(at(T + 60));
    expect(newestTimes([older, newer])).toEqual({ observed: (T + 60) * 1000, written: (T + 3) * 1000 });
  });

  it("inspect renders a history mixing both forms, with a chart", () => {
    const history = [
      withNullFields(JSON.parse(compactSignalJson(at(T + 120, { c: 150 })))),
      withNullFields(JSON.parse(serializeSignal(at(T + 60, { c: 170 })).json)),
      withNullFields(JSON.parse(compactSignalJson(at(T, { metrics: {} })))),
    ].filter((s) => s !== null);
    const text = renderSymbolView({ symbol: "AAPL", latest: at(T + 120, { c: 150 }), history }, false);
    expect(text).toContain("History, newest first (3)");
    expect(text).toMatch(/2025-11-20 15:00:00 UTC\s+189\.84\s+-\s+insufficient_data\s+unknown/);
    expect(text).toContain("P/E over time");
  });
});
