/** What a symbol may look like after normalisation (docs/contracts.md section 1). */
export const SYMBOL_PATTERN = /^[A-Z0-9.\-^=_]{1,24}$/;

/**
 * Normalises a ticker as it arrives from a record, a fixture or the command line:
 * trims spaces and upper-cases it. Returns null when the result is not 1-24 characters
 * of `A-Z 0-9 . - ^ = _`.
 */
export function normalizeSymbol(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const symbol = raw.trim().toUpperCase();
  return SYMBOL_PATTERN.test(symbol) ? symbol : null;
}
