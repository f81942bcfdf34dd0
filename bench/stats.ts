/** Small statistics for benchmarks: every figure is a median over repetitions. */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The p-th percentile (0-100) by nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Runs `fn` `repetitions` times (after `warmup` unmeasured runs) and returns each duration in ms. */
export async function timeRuns(
  fn: () => Promise<void> | void,
  repetitions: number,
  warmup = 1,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const durations: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const start = performance.now();
    await fn();
    durations.push(performance.now() - start);
  }
  return durations;
}

/**
 * Times several contenders in rounds (A, B, C, A, B, C, ...), after one unmeasured warm-up round,
 * so that a noisy neighbour slows every contender alike instead of only the one running then.
 * Returns each contender's durations in ms.
 */
export async function timeInterleaved<K extends string>(
  contenders: Record<K, () => Promise<void> | void>,
  repetitions: number,
  warmup = 1,
): Promise<Record<K, number[]>> {
  const names = Object.keys(contenders) as K[];
  const durations = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < warmup + repetitions; round++) {
    for (const name of names) {
      const start = performance.now();
      await contenders[name]();
      if (round >= warmup) durations[name].push(performance.now() - start);
    }
  }
  return durations;
}

/** Work per second for `units` of work done in each of `durationsMs`, as a median. */
export function medianRate(units: number, durationsMs: number[]): number {
  return median(durationsMs.map((ms) => (units * 1000) / ms));
}

/** One line of the results table: a measured figure, its baseline from the same run, and the target. */
export interface BenchRow {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** value / baseline.value. */
  ratio?: number;
  target?: string;
  met?: boolean;
  /** What was counted or assumed to get this figure. */
  note?: string;
}

/** A row compared with its baseline: the ratio, and whether `meets(ratio)` holds. */
export function compared(
  row: Omit<BenchRow, "baseline" | "ratio" | "met">,
  baseline: { name: string; value: number },
  meets?: (ratio: number) => boolean,
): BenchRow {
  const ratio = row.value / baseline.value;
  return { ...row, baseline, ratio, ...(meets ? { met: meets(ratio) } : {}) };
}
