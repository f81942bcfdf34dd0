import type { StackConfig } from "../stack/config.js";
import { CACHE_NODE_MEMORY_GIB, cacheNodeFigure } from "./prices.js";

const MINUTES_PER_DAY = 1440;
export const DAYS_PER_MONTH = 30.42;

/** How many times one cron field fires in its range (`*`, `*\/N`, `a,b,c`, `a-b`, a value). */
function cronFieldCount(field: string, range: number): number {
  if (field === "*" || field === "?") return range;
  const step = /^(\*|\d+)\/(\d+)$/.exec(field);
  if (step) return Math.max(1, Math.ceil(range / Number(step[2])));
  return field.split(",").reduce((total, part) => {
    const span = /^(\d+)-(\d+)$/.exec(part);
    return total + (span ? Number(span[2]) - Number(span[1]) + 1 : 1);
  }, 0);
}

/**
 * Ingestion runs per day for an EventBridge schedule. Cron day and weekday fields are
 * ignored, which errs on the high side (every day counts).
 */
export function runsPerDay(schedule: string): number {
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(schedule.trim());
  if (rate) {
    const every = Number(rate[1]);
    const unitMinutes = rate[2] === "minute" ? 1 : rate[2] === "hour" ? 60 : MINUTES_PER_DAY;
    return MINUTES_PER_DAY / (every * unitMinutes);
  }
  const fields = /^cron\((.+)\)$/.exec(schedule.trim())?.[1]?.trim().split(/\s+/) ?? [];
  const [minutes = "0", hours = "*"] = fields;
  return cronFieldCount(minutes, 60) * cronFieldCount(hours, 24);
}

/**
 * What one stored observation costs in Redis: the Signal JSON (~450 bytes), its key, the
 * key's TTL and dictionary entry, and its sorted-set entry (skiplist node plus hash slot).
 */
export const BYTES_PER_OBSERVATION = 800;
/** ElastiCache keeps 25% of a node's memory for itself by default (reserved-memory-percent). */
export const USABLE_MEMORY_SHARE = 0.75;

export interface MemoryFit {
  observations: number;
  neededBytes: number;
  usableBytes: number | undefined;
  fits: boolean;
}

/** Whether the history the watchlist, schedule and retention produce fits the cache node. */
export function estimateMemoryFit(
  config: Pick<StackConfig, "symbols" | "schedule" | "storage" | "cache">,
): MemoryFit {
  const observations = Math.ceil(
    config.symbols.length * runsPerDay(config.schedule) * config.storage.historyRetentionDays,
  );
  const neededBytes = observations * BYTES_PER_OBSERVATION;
  const gib = cacheNodeFigure(CACHE_NODE_MEMORY_GIB, config.cache.nodeType);
  const usableBytes = gib === undefined ? undefined : Math.floor(gib * 1024 ** 3 * USABLE_MEMORY_SHARE);
  return {
    observations,
    neededBytes,
    usableBytes,
    fits: usableBytes === undefined || neededBytes <= usableBytes,
  };
}

/** The warning `configure` prints when the history would not fit, or null. */
export function memoryWarning(
  config: Pick<StackConfig, "symbols" | "schedule" | "storage" | "cache">,
): string | null {
  const fit = estimateMemoryFit(config);
  if (fit.fits || fit.usableBytes === undefined) return null;
  const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
  return (
    `${config.symbols.length} symbols on ${config.schedule} kept ${config.storage.historyRetentionDays} days make ` +
    `~${fit.observations.toLocaleString("en-US")} observations (~${mib(fit.neededBytes)}), more than the ` +
    `~${mib(fit.usableBytes)} a ${config.cache.nodeType} node can hold. ` +
    "Choose a larger --node-type, a slower --schedule, fewer --symbols or a shorter --history-retention-days."
  );
}
