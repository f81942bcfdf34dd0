import { describe, expect, it } from "vitest";
import {
  countByCategory,
  filterRows,
  formatAge,
  formatTime,
  label,
  parseRoute,
  peBands,
  type Row,
  sortRows,
  upsertRows,
} from "../../../src/console/page/model.js";
import { DEFAULT_THRESHOLDS, type Signal } from "../../../src/core/signal.js";

const signal = (symbol: string, fields: Partial<Signal> = {}): Signal => ({
  symbol,
  observedAt: "2026-11-20T15:00:00.000Z",
  price: 100,
  eps: 5,
  peRatio: 20,
  peSource: "computed",
  earningsYield: 0.05,
  category: "growth_stock",
  signal: "hold",
  currency: "USD",
  ingestedAt: "2026-11-20T15:00:01.000Z",
  processedAt: "2026-11-20T15:00:02.000Z",
  sequenceNumber: "1",
  ...fields,
});

const rows: Row[] = [
  { symbol: "NVDA", latest: signal("NVDA", { peRatio: 61, category: "highly_speculative", signal: "sell" }) },
  { symbol: "AAPL", latest: signal("AAPL", { peRatio: 29.5, category: "expensive", signal: "sell" }) },
  {
    symbol: "RIVN",
    latest: signal("RIVN", { peRatio: null, category: "negative_earnings", signal: "avoid" }),
  },
  { symbol: "BMW.DE", latest: signal("BMW.DE", { peRatio: 8.4, category: "undervalued", signal: "buy" }) },
  { symbol: "GONE", latest: null },
];

describe("the console's overview model", () => {
  it("sorts by P/E either way, symbols without a P/E last both times", () => {
    const up = sortRows(rows, { key: "peRatio", descending: false }).map((r) => r.symbol);
    const down = sortRows(rows, { key: "peRatio", descending: true }).map((r) => r.symbol);
    expect(up).toEqual(["BMW.DE", "AAPL", "NVDA", "GONE", "RIVN"]);
    expect(down).toEqual(["NVDA", "AAPL", "BMW.DE", "GONE", "RIVN"]);
  });

  it("sorts categories in the contract's order, not alphabetically", () => {
    const order = sortRows(rows.slice(0, 4), { key: "category", descending: false }).map((r) => r.symbol);
    expect(order).toEqual(["BMW.DE", "AAPL", "NVDA", "RIVN"]);
  });

  it("filters by text in any case, by category and by signal together", () => {
    expect(filterRows(rows, { text: "aa", category: "", signal: "" }).map((r) => r.symbol)).toEqual(["AAPL"]);
    expect(filterRows(rows, { text: "", category: "", signal: "sell" }).map((r) => r.symbol)).toEqual([
      "NVDA",
      "AAPL",
    ]);
    expect(filterRows(rows, { text: "N", category: "negative_earnings", signal: "" })).toHaveLength(1);
  });

  it("counts every category, zeros included", () => {
    const counts = countByCategory(rows);
    expect(counts).toMatchObject({ undervalued: 1, expensive: 1, fair_value: 0, insufficient_data: 0 });
    expect(Object.keys(counts)).toHaveLength(7);
  });

  it("takes a newer Signal, adds a new symbol, and ignores an older one", () => {
    const newer = signal("AAPL", { observedAt: "2026-11-20T16:00:00.000Z", category: "growth_stock" });
    const older = signal("AAPL", { observedAt: "2026-11-19T16:00:00.000Z", category: "undervalued" });
    expect(upsertRows(rows, [newer]).find((r) => r.symbol === "AAPL")?.latest?.category).toBe("growth_stock");
    expect(upsertRows(rows, [older]).find((r) => r.symbol === "AAPL")?.latest?.category).toBe("expensive");
    expect(upsertRows(rows, [older, newer, signal("MSFT")]).map((r) => r.latest?.category ?? null)).toEqual([
      "highly_speculative",
      "growth_stock",
      "negative_earnings",
      "undervalued",
      null,
      "growth_stock",
    ]);
    expect(upsertRows(rows, [signal("GONE")]).find((r) => r.symbol === "GONE")?.latest).not.toBeNull();
  });

  it("takes in 10,000 symbols' observations in one pass", () => {
    const many: Row[] = Array.from({ length: 10_000 }, (_, i) => ({
      symbol: `S${i}`,
      latest: signal(`S${i}`),
    }));
    const later = many.map((row) =>
      signal(row.symbol, { observedAt: "2026-11-20T15:05:00.000Z", category: "expensive" }),
    );
    const next = upsertRows(many, later);
    expect(next).toHaveLength(10_000);
    expect(next.every((row) => row.latest?.category === "expensive")).toBe(true);
  });

  it("draws the bands from the configured thresholds", () => {
    const bands = peBands({ ...DEFAULT_THRESHOLDS, undervaluedBelow: 8 });
    expect(bands.map((b) => [b.category, b.low, b.high])).toEqual([
      ["undervalued", 0, 8],
      ["fair_value", 8, 15],
      ["growth_stock", 15, 25],
      ["expensive", 25, 50],
      ["highly_speculative", 50, Number.POSITIVE_INFINITY],
    ]);
  });

  it("reads the page from the address's hash, a symbol decoded", () => {
    expect(parseRoute("#/symbol/BRK-B")).toEqual({ page: "symbol", symbol: "BRK-B" });
    expect(parseRoute("#/symbol/%5EGSPC")).toEqual({ page: "symbol", symbol: "^GSPC" });
    expect(parseRoute("#/rejected")).toEqual({ page: "rejected" });
    expect(parseRoute("#/symbol/%E0%A4%A")).toEqual({ page: "overview" });
    expect(parseRoute("")).toEqual({ page: "overview" });
  });

  it("shows a stored value that is not what it should be as it is, instead of failing", () => {
    expect(formatTime("2026-11-20T15:00:00.000Z")).toBe("2026-11-20 15:00:00");
    expect(formatTime("not a time")).toBe("not a time");
    expect(formatTime(undefined)).toBe("");
    expect(label(undefined)).toBe("");
    const odd = { symbol: "ODD", latest: { ...signal("ODD"), category: "made_up" } } as unknown as Row;
    expect(countByCategory([odd, ...rows])).toEqual(countByCategory(rows));
  });

  it("says ages coarsely", () => {
    expect([
      formatAge(42_000),
      formatAge(5 * 60_000),
      formatAge(3 * 3_600_000),
      formatAge(2 * 86_400_000),
    ]).toEqual(["42 s", "5 min", "3 h", "2 d"]);
  });
});
