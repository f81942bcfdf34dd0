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

/** Points evenly sampled down to at most `max`, first and last always kept. */
export function samplePoints<T>(points: T[], max: number): T[] {
  if (points.length <= max) return points;
  return Array.from(
    { length: max },
    (_, i) => points[Math.round((i * (points.length - 1)) / (max - 1))] as T,
  );
}

/**
 * A plain ASCII chart of values over time (oldest on the left), with the highest and lowest
 * value on the y axis and the first and last time under the x axis. Pure: returns lines.
 */
export function renderChart(points: ChartPoint[], options: ChartOptions = {}): string[] {
  if (points.length < 2) return [];
  const height = Math.max(2, options.height ?? 8);
  const formatValue = options.formatValue ?? ((value: number) => value.toFixed(2));
  const formatTime =
    options.formatTime ?? ((ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " "));
  const sorted = samplePoints(
    [...points].sort((a, b) => a.timeMs - b.timeMs),
    options.width ?? 60,
  );
  const spacing = Math.max(1, Math.min(4, Math.floor((options.width ?? 60) / sorted.length)));
  const plotWidth = (sorted.length - 1) * spacing + 1;
  const values = sorted.map((point) => point.value);
  const max = Math.max(...values);
  const min = Math.min(...values);
  const rowOf = (value: number) =>
    max === min ? Math.floor((height - 1) / 2) : Math.round(((max - value) / (max - min)) * (height - 1));

  const grid = Array.from({ length: height }, () => Array<string>(plotWidth).fill(" "));
  sorted.forEach((point, i) => {
    const row = grid[rowOf(point.value)];
    if (row) row[i * spacing] = "*";
  });
  const top = formatValue(max);
  const bottom = formatValue(min);
  const labelWidth = Math.max(top.length, bottom.length);
  const lines = grid.map((row, r) => {
    const label = r === 0 ? top : r === height - 1 ? bottom : "";
    return `${label.padStart(labelWidth)} |${row.join("").trimEnd()}`;
  });
  lines.push(`${" ".repeat(labelWidth)} +${"-".repeat(plotWidth)}`);
  const first = formatTime((sorted[0] as ChartPoint).timeMs);
  const last = formatTime((sorted[sorted.length - 1] as ChartPoint).timeMs);
  const gap = Math.max(1, plotWidth + 1 - first.length - last.length);
  lines.push(`${" ".repeat(labelWidth + 1)}${first}${" ".repeat(gap)}${last}`);
  return lines;
}
