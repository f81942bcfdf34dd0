import type { RedisKeys } from "../core/redisKeys.js";
import { normalizeSymbol } from "../core/symbol.js";
import { CliError, UsageError } from "../lib/errors.js";
import { readChanges, renderChanges, type SignalChange } from "./changes.js";
import {
  type InspectRedis,
  readRejected,
  readSymbolNames,
  readSymbolView,
  readTrackedSymbols,
  type SymbolView,
  type TrackedSymbol,
} from "./read.js";
import { renderRejected, renderSymbolView, renderTrackedSymbols } from "./render.js";

export interface InspectOptions {
  symbol?: string;
  limit: number;
  rejected: boolean;
  /** The feed of signal changes instead (of one symbol, when given), newest first. */
  changes?: boolean;
  /** How the target is named in suggested commands: `--local` or `--stack prod`. */
  targetFlag?: string;
}

/** What inspect found, with its `--json` document (docs/contracts.md section 6) and its text. */
export type InspectResult =
  | { kind: "symbol"; view: SymbolView }
  | { kind: "symbols"; tracked: TrackedSymbol[] }
  | { kind: "rejected"; rejected: unknown[] }
  | { kind: "changes"; changes: SignalChange[] };

/** Reads what was asked for; an unknown symbol is a CliError listing the tracked ones. */
export async function runInspect(
  options: InspectOptions,
  redis: InspectRedis,
  keys: RedisKeys,
): Promise<InspectResult> {
  if (options.rejected) return { kind: "rejected", rejected: await readRejected(redis, keys, options.limit) };
  const symbol = options.symbol === undefined ? undefined : checkedSymbol(options.symbol);
  if (options.changes)
    return { kind: "changes", changes: await readChanges(redis, keys, options.limit, symbol) };
  if (symbol === undefined) return { kind: "symbols", tracked: await readTrackedSymbols(redis, keys) };
  const view = await readSymbolView(redis, keys, symbol, options.limit);
  if (view.latest === null && view.history.length === 0) {
    const tracked = await readSymbolNames(redis, keys);
    if (!tracked.includes(symbol)) throw unknownSymbol(symbol, tracked, options.targetFlag ?? "--local");
  }
  return { kind: "symbol", view };
}

function checkedSymbol(input: string): string {
  const symbol = normalizeSymbol(input);
  if (symbol === null) {
    throw new UsageError(`"${input}" is not a symbol (1-24 characters of A-Z 0-9 . - ^ = _).`, {
      hint: "For example: bavest-signals inspect --local AAPL",
    });
  }
  return symbol;
}

function unknownSymbol(symbol: string, tracked: string[], targetFlag: string): CliError {
  if (tracked.length === 0) {
    return new CliError(`No signals for ${symbol}: no symbol is tracked yet.`, {
      hint: `Send some quotes first: bavest-signals replay ${targetFlag} <file>`,
    });
  }
  return new CliError(`No signals for ${symbol}. Tracked symbols: ${tracked.join(", ")}.`, {
    hint: `For example: bavest-signals inspect ${targetFlag} ${tracked[0]}`,
  });
}

/** The `--json` document for a result. */
export function inspectJson(result: InspectResult): unknown {
  if (result.kind === "rejected") return { rejected: result.rejected };
  if (result.kind === "changes") return { changes: result.changes };
  if (result.kind === "symbols") {
    // Both sorted by symbol (readTrackedSymbols sorts); a symbol whose latest key is gone has no Signal.
    const latest = result.tracked.flatMap((entry) => (entry.latest ? [entry.latest] : []));
    return { symbols: result.tracked.map((entry) => entry.symbol), latest };
  }
  return result.view;
}

export function renderInspect(result: InspectResult, fancy: boolean): string {
  if (result.kind === "rejected") return renderRejected(result.rejected, fancy);
  if (result.kind === "changes") return renderChanges(result.changes, fancy);
  if (result.kind === "symbols") return renderTrackedSymbols(result.tracked, fancy);
  return renderSymbolView(result.view, fancy);
}
