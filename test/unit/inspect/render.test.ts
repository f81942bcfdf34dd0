import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import type { Signal } from "../../../src/core/signal.js";
import {
  pePoints,
  renderRejected,
  renderSymbolView,
  renderTrackedSymbols,
} from "../../../src/inspect/render.js";
import { renderTable, signalCell } from "../../../src/inspect/table.js";
import { createStyle } from "../../../src/lib/style.js";

function signal(overrides: Partial<Signal> = {}): Signal {
  return {
    symbol: "AAPL",
    observedAt: "2026-11-20T15:00:00.000Z",
    price: 189.84,
    eps: 6.43,
    peRatio: 29.524105754276828,
    peSource: "computed",
    earningsYield: 0.03387,
    category: "expensive",
    signal: "sell",
    currency: "USD",
    ingestedAt: "2026-11-20T15:00:02.120Z",
    processedAt: "2026-11-20T15:00:03.010Z",
    sequenceNumber: "1",
    ...overrides,
  };
}

describe("renderTable", () => {
  it("pads columns to the widest plain text, painting after padding", () => {
    const style = createStyle(true);
    const text = renderTable(["a", "signal"], [["xyz", signalCell("buy", style)]], style);
    const plain = stripVTControlCharacters(text);
    expect(plain).toBe("a    signal\nxyz  buy");
    expect(text).toContain("\x1b[32m");
  });
});

describe("renderSymbolView", () => {
  it("shows the latest signal, the history and a chart for two or more P/E points", () => {
    const older = signal({
      observedAt: "2026-11-20T14:00:00.000Z",
      peRatio: 20,
      category: "growth_stock",
      signal: "hold",
    });
    const text = renderSymbolView({ symbol: "AAPL", latest: signal(), history: [signal(), older] }, false);
    expect(text).toContain("Latest signal for AAPL");
    expect(text).toMatch(/P\/E\s+29\.52 \(computed\)/);
    expect(text).toMatch(/signal\s+sell/);
    expect(text).toContain("History, newest first (2)");
    expect(text).toContain("P/E over time");
    expect(text).toContain("29.52 |");
  });

  it("leaves the chart out with fewer than two P/E points", () => {
    const text = renderSymbolView(
      {
        symbol: "AAPL",
        latest: signal(),
        history: [signal(), signal({ peRatio: null, category: "negative_earnings" })],
      },
      false,
    );
    expect(text).not.toContain("P/E over time");
  });
});

describe("pePoints", () => {
  it("turns a newest-first history into oldest-first points with a P/E", () => {
    const points = pePoints([
      signal({ observedAt: "2026-11-20T16:00:00.000Z", peRatio: 3 }),
      signal({ observedAt: "2026-11-20T15:00:00.000Z", peRatio: null }),
      signal({ observedAt: "2026-11-20T14:00:00.000Z", peRatio: 1 }),
    ]);
    expect(points.map((p) => p.value)).toEqual([1, 3]);
  });
});

describe("renderTrackedSymbols and renderRejected", () => {
  it("lists every symbol with price, currency, P/E, category and signal", () => {
    const text = renderTrackedSymbols(
      [
        { symbol: "AAPL", latest: signal() },
        { symbol: "GONE", latest: null },
      ],
      false,
    );
    expect(text.split("\n")[1]).toMatch(/^AAPL\s+189\.84\s+USD\s+29\.52 \(computed\)\s+expensive\s+sell/);
    expect(text.split("\n")[2]).toMatch(/^GONE\s+-\s+-\s+-\s+-\s+-/);
    expect(renderTrackedSymbols([], false)).toContain("bavest-signals replay --local");
  });

  it("shows rejected records with their reason, shortening the data", () => {
    const text = renderRejected(
      [
        {
          reason: "symbol is missing",
          partitionKey: "X",
          data: "y".repeat(80),
          rejectedAt: "2026-11-20T15:00:00Z",
        },
      ],
      false,
    );
    expect(text).toContain("symbol is missing");
    expect(text).toContain(`${"y".repeat(47)}...`);
    expect(renderRejected([], false)).toBe("No rejected records.");
  });
});
