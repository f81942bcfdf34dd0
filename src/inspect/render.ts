import type { Signal } from "../core/signal.js";
import { createStyle } from "../lib/style.js";
import { type ChartPoint, renderChart } from "./chart.js";
import type { SymbolView, TrackedSymbol } from "./read.js";
import { formatNumber, formatPe, formatTime, renderTable, signalCell } from "./table.js";

/** The latest Signal as a two-column table, the history, and a P/E chart for 2+ points. Pure. */
export function renderSymbolView(view: SymbolView, fancy: boolean): string {
  const style = createStyle(fancy);
  const sections: string[] = [];
  if (view.latest) {
    const s = view.latest;
    const rows = [
      ["symbol", s.symbol],
      ["observed", formatTime(s.observedAt)],
      ["price", `${formatNumber(s.price)}${s.currency ? ` ${s.currency}` : ""}`],
      ["eps", formatNumber(s.eps)],
      ["P/E", formatPe(s)],
      ["earnings yield", formatNumber(s.earningsYield, 4)],
      ["category", s.category],
      ["signal", signalCell(s.signal, style)],
      ["processed", formatTime(s.processedAt)],
    ];
    sections.push(
      `${style.bold(`Latest signal for ${view.symbol}`)}\n${renderTable(["field", "value"], rows, style)}`,
    );
  } else {
    sections.push(`No latest signal for ${view.symbol} (the key has expired or was never written).`);
  }
  sections.push(renderHistory(view.history, style));
  const chart = renderPeChart(view.history);
  if (chart.length > 0) sections.push(`${style.bold("P/E over time")}\n${chart.join("\n")}`);
  return sections.join("\n\n");
}

function renderHistory(history: Signal[], style: ReturnType<typeof createStyle>): string {
  if (history.length === 0) return "No history stored (observations expire after the retention period).";
  const rows = history.map((s) => [
    formatTime(s.observedAt),
    formatNumber(s.price),
    formatPe(s),
    s.category,
    signalCell(s.signal, style),
  ]);
  const title = style.bold(`History, newest first (${history.length})`);
  return `${title}\n${renderTable(["observed", "price", "P/E", "category", "signal"], rows, style)}`;
}

/** Chart points from a newest-first history: only observations with a P/E. */
export function pePoints(history: Signal[]): ChartPoint[] {
  return history
    .filter((s) => typeof s.peRatio === "number" && Number.isFinite(s.peRatio))
    .map((s) => ({ timeMs: Date.parse(s.observedAt), value: s.peRatio as number }))
    .filter((point) => !Number.isNaN(point.timeMs))
    .reverse();
}

function renderPeChart(history: Signal[]): string[] {
  return renderChart(pePoints(history), { width: 60, height: 8 });
}

/** Every tracked symbol with its latest price and its currency, P/E, category and signal. Pure. */
export function renderTrackedSymbols(tracked: TrackedSymbol[], fancy: boolean): string {
  if (tracked.length === 0) {
    return "No symbols tracked yet. Send some quotes: bavest-signals replay --local <file>";
  }
  const style = createStyle(fancy);
  const rows = tracked.map(({ symbol, latest }) => [
    symbol,
    formatNumber(latest?.price),
    latest?.currency ?? "-",
    latest ? formatPe(latest) : "-",
    latest?.category ?? "-",
    signalCell(latest?.signal, style),
    formatTime(latest?.observedAt),
  ]);
  return renderTable(["symbol", "price", "currency", "P/E", "category", "signal", "observed"], rows, style);
}

/** Quarantined records, newest first. Pure. */
export function renderRejected(rejected: unknown[], fancy: boolean): string {
  if (rejected.length === 0) return "No rejected records.";
  const style = createStyle(fancy);
  const rows = rejected.map((entry) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    const data = typeof e.data === "string" ? e.data : JSON.stringify(e.raw ?? e.data ?? "");
    return [
      formatTime(typeof e.rejectedAt === "string" ? e.rejectedAt : undefined),
      String(e.partitionKey ?? "-"),
      String(e.reason ?? "-"),
      data.length > 50 ? `${data.slice(0, 47)}...` : data,
    ];
  });
  return renderTable(["rejected", "partition key", "reason", "data"], rows, style);
}
