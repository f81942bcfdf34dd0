import { UsageError } from "../lib/errors.js";

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * `--since`: a duration back from now (`30s`, `10m`, `2h`, `1d`) or an ISO time
 * (`2026-11-20T15:00:00Z`); returns the epoch ms to start from.
 */
export function parseSince(text: string, now: number): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)\s*$/i.exec(text);
  if (match) return now - Math.round(Number(match[1]) * (UNIT_MS[(match[2] ?? "s").toLowerCase()] ?? 1_000));
  if (/^\d{4}-\d{2}-\d{2}/.test(text.trim())) {
    const at = Date.parse(text);
    if (Number.isFinite(at)) return at;
  }
  throw new UsageError(`--since "${text}" is neither a duration nor a time.`, {
    hint: "Use a duration such as --since 10m, 2h or 1d, or a time such as --since 2026-11-20T15:00:00Z.",
  });
}
