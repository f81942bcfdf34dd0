import { writeFile } from "node:fs/promises";
import { cpus, loadavg, totalmem } from "node:os";
import type { BenchRow } from "./stats.js";

/** The machine the figures came from; ratios travel between machines, absolute figures do not. */
export interface MachineFacts {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  date: string;
  /** 1-minute load average when the run started: a busy machine explains noisy figures. */
  loadAverage: number;
}

export interface BenchResults {
  machine: MachineFacts;
  quick: boolean;
  durationSeconds: number;
  rows: BenchRow[];
  failures: { bench: string; error: string }[];
}

export function machineFacts(now = new Date()): MachineFacts {
  const cores = cpus();
  return {
    cpus: cores.length,
    cpuModel: cores[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    date: now.toISOString(),
    loadAverage: Number((loadavg()[0] ?? 0).toFixed(2)),
  };
}

/** Three significant digits, without exponent notation for the sizes seen here. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString("en-US");
  return Number(value.toPrecision(3)).toString();
}

function cells(row: BenchRow): string[] {
  const baseline = row.baseline ? `${formatNumber(row.baseline.value)} (${row.baseline.name})` : "";
  const met = row.met === undefined ? "" : row.met ? "yes" : "NO";
  return [
    row.bench,
    row.metric,
    `${formatNumber(row.value)} ${row.unit}`,
    baseline,
    row.ratio === undefined ? "" : `${formatNumber(row.ratio)}x`,
    row.target ?? "",
    met,
  ];
}

/** The results as an aligned text table, one line per row, notes listed below. */
export function renderTable(rows: BenchRow[]): string {
  const header = ["bench", "metric", "value", "baseline (same run)", "ratio", "target", "met"];
  const lines = [header, ...rows.map(cells)];
  const widths = header.map((_, column) => Math.max(...lines.map((line) => (line[column] ?? "").length)));
  const format = (line: string[]) =>
    line
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  const notes = rows.filter((row) => row.note).map((row) => `- ${row.bench} / ${row.metric}: ${row.note}`);
  return [format(header), rule, ...lines.slice(1).map(format), ...(notes.length ? ["", ...notes] : [])].join(
    "\n",
  );
}

export async function writeResults(path: string, results: BenchResults): Promise<void> {
  await writeFile(path, `${JSON.stringify(results, null, 2)}\n`, "utf8");
}
