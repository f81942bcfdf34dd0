/** How long one observation stays queryable: 7 days. */
export const DEFAULT_HISTORY_RETENTION_SECONDS = 7 * 24 * 60 * 60;
/** How many quarantined records `bavest:rejected` keeps. */
export const DEFAULT_REJECTED_CAP = 1000;
/** At most this much of a rejected record's data is kept. */
export const REJECTED_DATA_MAX_BYTES = 1024;
export const DEFAULT_KEY_PREFIX = "bavest";
/** About how many entries `bavest:changes` keeps (XADD MAXLEN ~). */
export const DEFAULT_CHANGES_CAP = 10_000;
/**
 * How long `{prefix}:outcomes` keeps what the store script did with each record (XADD MINID ~):
 * long enough for `replay --wait` to read it, short enough to stay a fixed amount of memory
 * (an hour of the pipeline's records, about 60 bytes each), whatever the history holds.
 */
export const OUTCOMES_KEEP_MS = 60 * 60 * 1000;

/** Every Redis key of the pipeline (docs/contracts.md section 3) comes from here. */
export interface RedisKeys {
  /** One Signal per observation: `{prefix}:pe_ratio:{SYMBOL}:{observedAtMs}`. */
  peRatio(symbol: string, observedAtMs: number): string;
  /** The Signal with the newest observedAt: `{prefix}:latest:{SYMBOL}`. */
  latest(symbol: string): string;
  /** Sorted set of observedAtMs: `{prefix}:pe_history:{SYMBOL}`. */
  history(symbol: string): string;
  /** Set of every symbol with a stored Signal. */
  symbols: string;
  /** List of quarantined records, newest first. */
  rejected: string;
  /** Stream of signal and category changes, capped (docs/contracts.md section 3). */
  changes: string;
  /** Stream of per-record outcomes, one entry per script call: field = sequence number, value = outcome. */
  outcomes: string;
}

export function redisKeys(prefix = DEFAULT_KEY_PREFIX): RedisKeys {
  return {
    peRatio: (symbol, observedAtMs) => `${prefix}:pe_ratio:${symbol}:${observedAtMs}`,
    latest: (symbol) => `${prefix}:latest:${symbol}`,
    history: (symbol) => `${prefix}:pe_history:${symbol}`,
    symbols: `${prefix}:symbols`,
    rejected: `${prefix}:rejected`,
    changes: `${prefix}:changes`,
    outcomes: `${prefix}:outcomes`,
  };
}
