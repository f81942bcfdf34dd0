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

/** The average seconds between two runs: a run should end before the next one starts. */
export function scheduleIntervalSeconds(schedule: string): number {
  return (MINUTES_PER_DAY * 60) / Math.max(1, runsPerDay(schedule));
}
