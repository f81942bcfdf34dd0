/** Exponential backoff settings: delay before retry n is random in [0, min(capMs, baseMs * 2^n)). */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

/** Exponential backoff with full jitter (attempt counts from 0 for the first retry). */
export function backoffDelayMs(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/**
 * Milliseconds a `Retry-After` header asks for (delta-seconds or an HTTP date), or null when
 * absent or unreadable.
 */
export function retryAfterMs(header: string | null | undefined, now: Date = new Date()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
