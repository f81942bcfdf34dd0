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

/**
 * Across a network (~1 ms round trips, like ElastiCache from a VPC) the handler pays one round
 * trip per batch where the naive loop pays two per record: >= 30x. On loopback a round trip
 * costs 0.05-0.17 ms and the naive loop is CPU-bound, so there the target is the floor: the same
 * keys written pipelined with no logic at all, which the handler should reach within 0.9x.
 */
const TARGET_VS_NAIVE = 30;
const TARGET_VS_FLOOR = 0.9;

/** The label of a scenario, with its measured round trip (to 0.01 ms) in it. */
export function scenarioLabel(kind: "loopback" | "network", roundTripMs: number): string {
  const rtt = roundTripMs.toFixed(2);
  return kind === "loopback" ? `loopback, round trip ${rtt} ms` : `network round trip ~${rtt} ms`;
}

function ceilingRow(label: string, ceiling: ProcessingCeiling): BenchRow {
  const sets = Math.round(ceiling.setsPerSecond).toLocaleString("en-US");
  return {
    bench: "processing",
    metric: `${label}: floor (pipelined SETs / commands per record)`,
    value: ceiling.setsPerSecond / ceiling.commandsPerRecord,
    unit: "rec/s",
    note: `${sets} pipelined SETs/s divided by the ${ceiling.commandsPerRecord} commands one new, newest observation needs on its own: GET, ZRANGE, SET EX, ZADD, ZREMRANGEBYSCORE, SADD, SET latest`,
  };
}

/**
 * The rows of one scenario: its measured round trip, the naive baseline, and the handler for
 * batches of 100 and 1,000: where a floor was measured (loopback) against it (target >= 0.9x),
 * with the naive ratio shown for reference; elsewhere against the naive baseline (>= 30x).
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
    name: "floor",
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
    if (ceilingBaseline) {
      rows.push(compared(row, naive));
      const target = `>= ${TARGET_VS_FLOOR}x floor`;
      rows.push(compared({ ...row, target }, ceilingBaseline, (ratio) => ratio >= TARGET_VS_FLOOR));
    } else {
      const target = `>= ${TARGET_VS_NAIVE}x naive`;
      rows.push(compared({ ...row, target }, naive, (ratio) => ratio >= TARGET_VS_NAIVE));
    }
  }
  return rows;
}
