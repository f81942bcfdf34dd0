/** The most symbols `--symbols N` makes up: the watchlist a stack accepts. */
export const MAX_SYNTHETIC_SYMBOLS = 10_000;

/** `--symbols 1000`: SYM00001 ... SYM01000, for scale trials (dev against the stand-in, plan's what-ifs). */
export function syntheticSymbols(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `SYM${String(i + 1).padStart(5, "0")}`);
}

/** The N of `--symbols N` (digits only); undefined when the text is a list of symbols. */
export function syntheticCount(text: string): number | undefined {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}
