import type { Redis } from "ioredis";
import type { RedisKeys } from "../core/redisKeys.js";
import { createStyle } from "../lib/style.js";
import { formatNumber, formatTime, renderTable, signalCell } from "./table.js";

/** One entry of `bavest:changes` (docs/contracts.md section 3), as `inspect --changes --json` shows it. */
export interface SignalChange {
  symbol: string;
  observedAt: string;
  from: string;
  to: string;
  fromCategory: string;
  toCategory: string;
  /** The new P/E; null when the new signal has none. */
  peRatio: number | null;
}

/** A stream entry as ioredis returns it: the id and the flat field/value list. */
export type StreamEntry = [id: string, fields: string[]];

export type ChangesRedis = Pick<Redis, "xrevrange">;

/** A stream entry as a change; fields missing from a hand-written entry become empty. */
export function changeOf([, fields]: StreamEntry): SignalChange {
  const values = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) values.set(fields[i] as string, fields[i + 1] as string);
  const field = (name: string) => values.get(name) ?? "";
  const pe = field("peRatio");
  return {
    symbol: field("symbol"),
    observedAt: field("observedAt"),
    from: field("from"),
    to: field("to"),
    fromCategory: field("fromCategory"),
    toCategory: field("toCategory"),
    peRatio: pe === "" || !Number.isFinite(Number(pe)) ? null : Number(pe),
  };
}

const PAGE = 500;

/**
 * The newest `limit` changes, newest first (XREVRANGE). With a symbol, only its changes: pages
 * are read back through the stream until `limit` are found (the stream is capped, so this ends).
 */
export async function readChanges(
  redis: ChangesRedis,
  keys: RedisKeys,
  limit: number,
  symbol?: string,
): Promise<SignalChange[]> {
  if (limit <= 0) return [];
  if (symbol === undefined) {
    const entries = (await redis.xrevrange(keys.changes, "+", "-", "COUNT", limit)) as StreamEntry[];
    return entries.map(changeOf);
  }
  const found: SignalChange[] = [];
  let end = "+";
  for (;;) {
    const entries = (await redis.xrevrange(keys.changes, end, "-", "COUNT", PAGE)) as StreamEntry[];
    for (const entry of entries) {
      const change = changeOf(entry);
      if (change.symbol === symbol) found.push(change);
      if (found.length === limit) return found;
    }
    const last = entries[entries.length - 1];
    if (entries.length < PAGE || last === undefined) return found;
    end = `(${last[0]}`;
  }
}

/** The changes as a table, newest first. Pure. */
export function renderChanges(changes: SignalChange[], fancy: boolean): string {
  if (changes.length === 0) {
    return "No signal changes recorded yet (a change is recorded when a symbol's newest observation changes its signal or category).";
  }
  const style = createStyle(fancy);
  const rows = changes.map((change) => [
    formatTime(change.observedAt),
    change.symbol,
    `${change.from} -> ${change.to}`,
    `${change.fromCategory} -> ${change.toCategory}`,
    formatNumber(change.peRatio),
  ]);
  return renderTable(["observed", "symbol", "signal", "category", "P/E"], rows, style);
}

/** One line for a change, as `watch` prints it. Pure. */
export function changeLine(change: SignalChange, fancy: boolean): string {
  const style = createStyle(fancy);
  const to = signalCell(change.to, style);
  const pe = change.peRatio === null ? "" : `, P/E ${formatNumber(change.peRatio)}`;
  return `${formatTime(change.observedAt)}  ${style.bold(change.symbol)}  ${change.from} -> ${to.paint ? to.paint(to.text) : to.text}  (${change.fromCategory} -> ${change.toCategory}${pe})`;
}
