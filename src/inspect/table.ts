import type { ChalkInstance } from "chalk";
import type { Signal } from "../core/signal.js";

/** A table cell: the plain text (for widths) and an optional paint applied after padding. */
export interface Cell {
  text: string;
  paint?: (text: string) => string;
}

export type CellInput = string | Cell;

/** Columns padded to their widest cell, headers dimmed. Pure. */
export function renderTable(headers: string[], rows: CellInput[][], style: ChalkInstance): string {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === "string" ? { text: cell } : cell)));
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...cells.map((row) => row[column]?.text.length ?? 0)),
  );
  const head = headers.map((header, column) => style.dim(header.padEnd(widths[column] ?? 0))).join("  ");
  const body = cells.map((row) =>
    row
      .map((cell, column) => {
        // The last column is not padded: trailing spaces inside a colour would survive trimEnd.
        const padded = column === row.length - 1 ? cell.text : cell.text.padEnd(widths[column] ?? 0);
        return cell.paint ? cell.paint(padded) : padded;
      })
      .join("  ")
      .trimEnd(),
  );
  return [head.trimEnd(), ...body].join("\n");
}

/** The signal word, coloured: buy green, hold yellow, sell red, avoid magenta, unknown dim. */
export function signalCell(signal: string | undefined, style: ChalkInstance): Cell {
  const text = signal ?? "-";
  const paints: Record<string, (text: string) => string> = {
    buy: style.green.bold,
    hold: style.yellow,
    sell: style.red.bold,
    avoid: style.magenta,
    unknown: style.dim,
  };
  const paint = paints[text];
  return paint ? { text, paint } : { text };
}

/** A number for people: up to 2 decimals, `-` when missing. */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "-";
  return Number(value.toFixed(digits)).toString();
}

/** `2026-11-20 15:00:00 UTC` from an ISO time; the input unchanged when it is not one. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return "-";
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** The P/E with where it came from: `29.52 (computed)`. */
export function formatPe(signal: Pick<Signal, "peRatio" | "peSource">): string {
  if (signal.peRatio === null || signal.peRatio === undefined) return "-";
  return signal.peSource
    ? `${formatNumber(signal.peRatio)} (${signal.peSource})`
    : formatNumber(signal.peRatio);
}
