import type { Capacity } from "./capacity.js";
import { renderCostEstimate } from "./costEstimate.js";
import type { Plan } from "./runPlan.js";

const mib = (bytes: number | null) =>
  bytes === null ? "unknown" : `${Math.ceil(bytes / 1024 ** 2).toLocaleString("en-US")} MiB`;
const MARK_WIDTH = "DOES NOT FIT".length;
const NAME_WIDTH = "Kinesis shards".length;

/** One capacity row: the verdict, the name and the detail, each in its own column. */
function row(mark: string, name: string, detail: string): string {
  return `  ${mark.padEnd(MARK_WIDTH)}  ${name.padEnd(NAME_WIDTH)}  ${detail}`;
}

/** One line per verdict, and the fix under each that fails, in columns that line up. */
export function renderVerdicts(capacity: Capacity): string[] {
  const { redis, shards, ingestion } = capacity;
  const rows: [boolean, string, string, string | undefined][] = [
    [
      redis.fits,
      "Redis memory",
      `${mib(redis.neededBytes)} at steady state (${redis.observationsPerSymbol.toLocaleString("en-US")} observations a symbol) vs ${mib(redis.usableBytes)} usable`,
      redis.fix,
    ],
    [shards.fits, "Kinesis shards", `${shards.needed} needed vs ${shards.configured}`, shards.fix],
    [
      ingestion.fits,
      "Ingestion",
      `~${Math.ceil(ingestion.secondsPerRun)} s a run in ${ingestion.invocationsPerRun} invocation(s) at ${ingestion.rateShare.toFixed(1)} requests/s each, vs ${ingestion.timeoutSeconds} s timeout and ${Math.round(ingestion.intervalSeconds)} s between runs`,
      ingestion.fix,
    ],
  ];
  const lines = rows.flatMap(([fits, name, detail, fix]) => [
    row(fits ? "fits" : "DOES NOT FIT", name, detail),
    ...(fits || !fix ? [] : [row("", "", `fix: ${fix}`)]),
  ]);
  lines.push(row("", "Bavest calls", `${capacity.bavestCallsPerMonth.toLocaleString("en-US")} a month`));
  return lines;
}

/** The text form of `plan`. */
export function renderPlan(plan: Plan): string {
  return [
    `Plan for stack "${plan.stack}" in ${plan.config.region} (config: ${plan.source}); nothing is deployed.`,
    "",
    "Would create:",
    ...plan.creates.map((line) => `  - ${line}`),
    "",
    renderCostEstimate(plan.cost),
    "",
    "Capacity:",
    ...renderVerdicts(plan.capacity),
  ].join("\n");
}
