import { type BenchRow, compared } from "./stats.js";

/** One setting the contenders ran in: how far Redis was, in round-trip time. */
export interface ProcessingScenario {
  /** Starts every metric of the scenario, e.g. "network round trip ~1.18 ms". */
  label: string;
  roundTripMs: number;
  roundTripNote: string;
  naiveNote?: string;
}

/** Median records per second of each contender in one scenario. */
export interface ProcessingRates {
  batch100: number;
  batch1000: number;
  naive: number;
}

/** The pipelined-SET ceiling, measured on loopback only: it is what Redis itself can take. */
export interface ProcessingCeiling {
  setsPerSecond: number;
  commandsPerRecord: number;
}

const TARGET_VS_NAIVE = 10;
const TARGET_VS_CEILING = 0.3;

/** The label of a scenario, with its measured round trip (to 0.01 ms) in it. */
export function scenarioLabel(kind: "loopback" | "network", roundTripMs: number): string {
  const rtt = roundTripMs.toFixed(2);
  return kind === "loopback" ? `loopback, round trip ${rtt} ms` : `network round trip ~${rtt} ms`;
}

function ceilingRow(label: string, ceiling: ProcessingCeiling): BenchRow {
  const sets = Math.round(ceiling.setsPerSecond).toLocaleString("en-US");
  return {
    bench: "processing",
    metric: `${label}: Redis ceiling (pipelined SETs / commands per record)`,
    value: ceiling.setsPerSecond / ceiling.commandsPerRecord,
    unit: "rec/s",
    note: `${sets} pipelined SETs/s divided by ${ceiling.commandsPerRecord} commands per record (every redis.call of the store script on the newest-observation path: GET, ZRANGE, SET EX, ZADD, ZREMRANGEBYSCORE, SADD, SET latest)`,
  };
}

/**
 * The rows of one scenario: its measured round trip, the naive baseline, and the handler for
 * batches of 100 and 1,000 against the naive baseline (target >= 10x) and, when measured, against
 * the Redis ceiling (target >= 0.3x).
 */
export function scenarioRows(
  scenario: ProcessingScenario,
  rates: ProcessingRates,
  ceiling?: ProcessingCeiling,
): BenchRow[] {
  const { label } = scenario;
  const naive = { name: "naive awaited SETs", value: rates.naive };
  const rows: BenchRow[] = [
    {
      bench: "processing",
      metric: `${label}: round trip, median of awaited PINGs`,
      value: scenario.roundTripMs,
      unit: "ms",
      note: scenario.roundTripNote,
    },
    {
      bench: "processing",
      metric: `${label}: naive: await SET latest + SET history per record`,
      value: rates.naive,
      unit: "rec/s",
      ...(scenario.naiveNote ? { note: scenario.naiveNote } : {}),
    },
  ];
  const ceilingBaseline = ceiling && {
    name: "Redis ceiling",
    value: ceiling.setsPerSecond / ceiling.commandsPerRecord,
  };
  if (ceiling) rows.push(ceilingRow(label, ceiling));
  for (const [size, rate] of [
    [100, rates.batch100],
    [1_000, rates.batch1000],
  ] as const) {
    const row = {
      bench: "processing",
      metric: `${label}: handler, batches of ${size.toLocaleString("en-US")}`,
      value: rate,
      unit: "rec/s",
    };
    rows.push(
      compared(
        { ...row, target: `>= ${TARGET_VS_NAIVE}x naive` },
        naive,
        (ratio) => ratio >= TARGET_VS_NAIVE,
      ),
    );
    if (ceilingBaseline) {
      const target = `>= ${TARGET_VS_CEILING}x ceiling`;
      rows.push(compared({ ...row, target }, ceilingBaseline, (ratio) => ratio >= TARGET_VS_CEILING));
    }
  }
  return rows;
}
