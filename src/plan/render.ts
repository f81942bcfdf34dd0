import type { Capacity } from "./capacity.js";
import { renderCostEstimate } from "./costEstimate.js";
import type { Plan } from "./runPlan.js";

const mib = (bytes: number | null) =>
  bytes === null ? "unknown" : `${Math.ceil(bytes / 1024 ** 2).toLocaleString("en-US")} MiB`;
const mark = (fits: boolean) => (fits ? "fits     " : "DOES NOT FIT");

/** One line per verdict, and the fix under each that fails. */
export function renderVerdicts(capacity: Capacity): string[] {
  const { redis, shards, ingestion } = capacity;
  const rows: [boolean, string, string | undefined][] = [
    [
      redis.fits,
      `Redis memory      ${mib(redis.neededBytes)} at steady state (${redis.observationsPerSymbol.toLocaleString("en-US")} observations a symbol) vs ${mib(redis.usableBytes)} usable`,
      redis.fix,
    ],
    [shards.fits, `Kinesis shards    ${shards.needed} needed vs ${shards.configured}`, shards.fix],
    [
      ingestion.fits,
      `Ingestion         ~${Math.ceil(ingestion.secondsPerRun)} s a run in ${ingestion.invocationsPerRun} invocation(s) at ${ingestion.rateShare.toFixed(1)} requests/s each, vs ${ingestion.timeoutSeconds} s timeout and ${Math.round(ingestion.intervalSeconds)} s between runs`,
      ingestion.fix,
    ],
  ];
  const lines = rows.flatMap(([fits, text, fix]) => [
    `  ${mark(fits)}  ${text}`,
    ...(fits || !fix ? [] : [`                fix: ${fix}`]),
  ]);
  lines.push(`  Bavest calls      ${capacity.bavestCallsPerMonth.toLocaleString("en-US")} a month`);
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
