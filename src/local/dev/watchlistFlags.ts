import { readFileSync } from "node:fs";
import { normalizeSymbol } from "../../core/symbol.js";
import { MAX_SYNTHETIC_SYMBOLS as MAX_SYNTHETIC, syntheticSymbols } from "../../core/syntheticSymbols.js";
import { UsageError } from "../../lib/errors.js";

/**
 * The watchlist of `dev --symbols-file FILE` (symbols separated by commas or lines, `#` starts
 * a comment) or of `dev --symbols N` (synthetic); undefined when neither is given, so the
 * comma-separated `--symbols` list applies. Errors name the flag, the file and the line.
 */
export function watchlistFromFlags(
  flags: { symbols?: string; symbolsFile?: string },
  read: (file: string) => string = (file) => readFileSync(file, "utf8"),
): string[] | undefined {
  if (flags.symbolsFile !== undefined) {
    if (flags.symbols !== undefined) {
      throw new UsageError("--symbols and --symbols-file name two watchlists; give one of them.", {
        hint: "For example: bavest-signals dev --symbols-file watchlist.txt",
      });
    }
    return symbolsOfFile(flags.symbolsFile, read);
  }
  const text = flags.symbols?.trim();
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const count = Number(text);
  if (count < 1 || count > MAX_SYNTHETIC) {
    throw new UsageError(`--symbols ${text}: a synthetic watchlist has 1 to ${MAX_SYNTHETIC} symbols.`, {
      hint: "For example: bavest-signals dev --symbols 1000",
    });
  }
  return syntheticSymbols(count);
}

function symbolsOfFile(file: string, read: (file: string) => string): string[] {
  let text: string;
  try {
    text = read(file);
  } catch (error) {
    throw new UsageError(`--symbols-file ${file} cannot be read: ${(error as Error).message}`, {
      hint: "Give a text file with one symbol a line (or comma-separated).",
    });
  }
  const symbols = new Set<string>();
  text.split(/\r?\n/).forEach((line, index) => {
    for (const part of line.replace(/#.*$/, "").split(",")) {
      if (part.trim() === "") continue;
      const symbol = normalizeSymbol(part);
      if (symbol === null) {
        throw new UsageError(
          `--symbols-file ${file}, line ${index + 1}: "${part.trim()}" is not a symbol (1-24 characters of A-Z 0-9 . - ^ = _).`,
          { hint: "Fix or remove that line." },
        );
      }
      symbols.add(symbol);
    }
  });
  if (symbols.size === 0) {
    throw new UsageError(`--symbols-file ${file} names no symbol.`, { hint: "One symbol a line, e.g. AAPL" });
  }
  return [...symbols];
}
