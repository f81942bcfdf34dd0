import type { Category, Signal, Thresholds } from "../../core/signal.js";

/** The page's pure core: sorting, filtering, counting and the P/E bands. No DOM here. */

/** One overview row: a tracked symbol and its newest Signal (null when that key is gone). */
export interface Row {
  symbol: string;
  latest: Signal | null;
}

export type SortKey = "symbol" | "signal" | "category" | "peRatio" | "price" | "eps" | "observedAt";
export interface Sort {
  key: SortKey;
  descending: boolean;
}

export interface Filter {
  text: string;
  category: string;
  signal: string;
}

/** Every category in the order of docs/contracts.md section 2. */
export const CATEGORIES: readonly Category[] = [
  "undervalued",
  "fair_value",
  "growth_stock",
  "expensive",
  "highly_speculative",
  "negative_earnings",
  "insufficient_data",
];

export const SIGNALS = ["buy", "hold", "sell", "avoid", "unknown"] as const;

function sortValue(row: Row, key: SortKey): string | number | null {
  if (key === "symbol") return row.symbol;
  const latest = row.latest;
  if (latest === null) return null;
  if (key === "observedAt") return Date.parse(latest.observedAt);
  if (key === "category") return CATEGORIES.indexOf(latest.category);
  return latest[key] ?? null;
}

/** Rows sorted by `sort`; rows without a value go last either way, ties by symbol. */
export function sortRows(rows: readonly Row[], sort: Sort): Row[] {
  const direction = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    if (x === null || y === null || x === y) {
      if (x !== y) return x === null ? 1 : -1;
      return a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0;
    }
    return (x < y ? -1 : 1) * direction;
  });
}

/** Rows whose symbol contains the text (any case) and whose category and signal match. */
export function filterRows(rows: readonly Row[], filter: Filter): Row[] {
  const text = filter.text.trim().toUpperCase();
  return rows.filter(
    (row) =>
      (text === "" || row.symbol.toUpperCase().includes(text)) &&
      (filter.category === "" || row.latest?.category === filter.category) &&
      (filter.signal === "" || row.latest?.signal === filter.signal),
  );
}

/** How many rows are in each category (every category listed, zeros included). */
export function countByCategory(rows: readonly Row[]): Record<Category, number> {
  const counts = Object.fromEntries(CATEGORIES.map((category) => [category, 0])) as Record<Category, number>;
  for (const row of rows) {
    const category = row.latest?.category;
    if (category !== undefined && category in counts) counts[category] += 1;
  }
  return counts;
}

/**
 * Puts newer Signals into the rows (a new symbol is added); an older one than the row's changes
 * nothing. One pass over each list: an ingestion run of 10,000 symbols arrives as one batch.
 */
export function upsertRows(rows: readonly Row[], signals: readonly Signal[]): Row[] {
  const incoming = new Map<string, Signal>();
  for (const signal of signals) {
    const seen = incoming.get(signal.symbol);
    if (!seen || Date.parse(seen.observedAt) <= Date.parse(signal.observedAt))
      incoming.set(signal.symbol, signal);
  }
  const next = rows.map((row) => {
    const latest = incoming.get(row.symbol);
    if (latest === undefined) return row;
    incoming.delete(row.symbol);
    const older = row.latest && Date.parse(row.latest.observedAt) > Date.parse(latest.observedAt);
    return older ? row : { symbol: row.symbol, latest };
  });
  for (const [symbol, latest] of incoming) next.push({ symbol, latest });
  return next;
}

/** A P/E band drawn behind the chart: from `low` up to (not including) `high`. */
export interface Band {
  category: Category;
  low: number;
  high: number;
}

/** The positive P/E bands of the configured thresholds; the last is open above (Infinity). */
export function peBands(thresholds: Thresholds): Band[] {
  return [
    { category: "undervalued", low: 0, high: thresholds.undervaluedBelow },
    { category: "fair_value", low: thresholds.undervaluedBelow, high: thresholds.fairValueBelow },
    { category: "growth_stock", low: thresholds.fairValueBelow, high: thresholds.growthBelow },
    { category: "expensive", low: thresholds.growthBelow, high: thresholds.expensiveBelow },
    { category: "highly_speculative", low: thresholds.expensiveBelow, high: Number.POSITIVE_INFINITY },
  ];
}

/** "42 s", "5 min", "3 h", "2 d": how long ago, coarse. */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms)) return "";
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} d`;
}

/**
 * "2026-11-20 15:00:00" (UTC) for an ISO time; whatever else a stored value holds is shown as it
 * is, so one hand-written value never breaks the page.
 */
export function formatTime(iso: unknown): string {
  if (typeof iso !== "string") return "";
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 19).replace("T", " ") : iso;
}

/** A number for a table cell: up to 2 decimals, empty for null. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  return value.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/** `category_name` as people write it: "fair value". */
export const label = (name: unknown) => (typeof name === "string" ? name.replaceAll("_", " ") : "");

/** What the address's hash shows: `#/symbol/AAPL`, `#/rejected`, else the overview. */
export type Route = { page: "overview" } | { page: "symbol"; symbol: string } | { page: "rejected" };

export function parseRoute(hash: string): Route {
  const symbol = /^#\/symbol\/(.+)$/.exec(hash)?.[1];
  if (symbol !== undefined) {
    try {
      return { page: "symbol", symbol: decodeURIComponent(symbol) };
    } catch {
      return { page: "overview" };
    }
  }
  return hash === "#/rejected" ? { page: "rejected" } : { page: "overview" };
}
