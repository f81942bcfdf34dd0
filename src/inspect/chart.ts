/** A value at a time, for the terminal chart. */
export interface ChartPoint {
  timeMs: number;
  value: number;
}

export interface ChartOptions {
  /** Columns of the plot area, axis labels not included. */
  width?: number;
  /** Rows of the plot area. */
  height?: number;
  /** Formats a y-axis label. */
  formatValue?: (value: number) => string;
  /** Formats an x-axis label. */
  formatTime?: (timeMs: number) => string;
}

const SPARKS = "▁▂▃▄▅▆▇█";

/** One character per value, low to high: `▁▃█`. Empty for no values. Pure. */
export function sparkline(values: number[]): string {
  if (values.length === 0) return "";
  const min = Math.min(...values);
  const span = Math.max(...values) - min;
  return values
    .map((value) => SPARKS[span === 0 ? 3 : Math.round(((value - min) / span) * (SPARKS.length - 1))])
    .join("");
}

/** The column of each point: by time across the width, or evenly when all share one time. */
function columnsOf(points: ChartPoint[], width: number): number[] {
  const first = (points[0] as ChartPoint).timeMs;
  const span = (points[points.length - 1] as ChartPoint).timeMs - first;
  return points.map((point, i) =>
    Math.round(
      span === 0 ? (i / (points.length - 1)) * (width - 1) : ((point.timeMs - first) / span) * (width - 1),
    ),
  );
}

/** Minutes, or seconds when the whole chart spans less than a minute (labels would repeat). */
function defaultTimeFormat(spanMs: number): (ms: number) => string {
  const length = spanMs < 60_000 ? 19 : 16;
  return (ms) => new Date(ms).toISOString().slice(0, length).replace("T", " ");
}

/**
 * A plain ASCII chart of values over time (oldest on the left, placed by time so gaps show),
 * with the highest and lowest value on the y axis and the first and last time under the x
 * axis. Pure: returns lines.
 */
export function renderChart(points: ChartPoint[], options: ChartOptions = {}): string[] {
  if (points.length < 2) return [];
  const height = Math.max(2, options.height ?? 8);
  const formatValue = options.formatValue ?? ((value: number) => value.toFixed(2));
  const sorted = [...points].sort((a, b) => a.timeMs - b.timeMs);
  const firstMs = (sorted[0] as ChartPoint).timeMs;
  const lastMs = (sorted[sorted.length - 1] as ChartPoint).timeMs;
  const formatTime = options.formatTime ?? defaultTimeFormat(lastMs - firstMs);
  const firstLabel = formatTime(firstMs);
  // Two equal labels say nothing more than one.
  const lastLabel = formatTime(lastMs) === firstLabel ? "" : formatTime(lastMs);
  const width = Math.max(2, options.width ?? 60);
  const values = sorted.map((point) => point.value);
  const max = Math.max(...values);
  const min = Math.min(...values);
  const rowOf = (value: number) =>
    max === min ? Math.floor((height - 1) / 2) : Math.round(((max - value) / (max - min)) * (height - 1));

  const grid = Array.from({ length: height }, () => Array<string>(width).fill(" "));
  // Where several points share a column, the newest one stands for them.
  const newestInColumn = new Map<number, number>();
  columnsOf(sorted, width).forEach((column, i) => {
    newestInColumn.set(column, values[i] as number);
  });
  for (const [column, value] of newestInColumn) {
    const row = grid[rowOf(value)];
    if (row) row[column] = "*";
  }
  const top = formatValue(max);
  const bottom = formatValue(min);
  const labelWidth = Math.max(top.length, bottom.length);
  const lines = grid.map((row, r) => {
    const label = r === 0 ? top : r === height - 1 ? bottom : "";
    return `${label.padStart(labelWidth)} |${row.join("").trimEnd()}`;
  });
  lines.push(`${" ".repeat(labelWidth)} +${"-".repeat(width)}`);
  const gap = Math.max(1, width + 1 - firstLabel.length - lastLabel.length);
  lines.push(`${" ".repeat(labelWidth + 1)}${firstLabel}${" ".repeat(gap)}${lastLabel}`.trimEnd());
  return lines;
}
