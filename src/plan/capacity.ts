import { type IngestionPlan, planIngestion, requestsPerSymbol } from "../core/ingestionModel.js";
import type { StackConfig } from "../stack/config.js";
import {
  longestRetentionDays,
  observationsPerSymbol,
  smallestNodeTypeFor,
  steadyStateBytes,
  usableBytes,
} from "./redisModel.js";
import { ON_DEMAND_INITIAL_SHARDS, shardsNeeded } from "./shardModel.js";
import { DAYS_PER_MONTH, runsPerDay, scheduleIntervalSeconds } from "./workload.js";

export interface Verdict {
  fits: boolean;
  /** The smallest change that makes it fit; present when it does not. */
  fix?: string;
}

export interface Capacity {
  redis: Verdict & { neededBytes: number; usableBytes: number | null; observationsPerSymbol: number };
  shards: Verdict & { needed: number; configured: number | "on-demand" };
  ingestion: Verdict & {
    secondsPerRun: number;
    timeoutSeconds: number;
    intervalSeconds: number;
    invocationsPerRun: number;
    rateShare: number;
  };
  bavestCallsPerMonth: number;
  ingestionPlan: IngestionPlan;
}

export type PlanConfig = Pick<
  StackConfig,
  "symbols" | "region" | "schedule" | "storage" | "cache" | "stream" | "functions" | "ingestion"
>;

const mib = (bytes: number) => `${Math.ceil(bytes / 1024 ** 2).toLocaleString("en-US")} MiB`;

function redisVerdict(config: PlanConfig): Capacity["redis"] {
  const workload = {
    symbols: config.symbols.length,
    runsPerDay: runsPerDay(config.schedule),
    retentionDays: config.storage.historyRetentionDays,
  };
  const neededBytes = steadyStateBytes(workload);
  const usable = usableBytes(config.cache.nodeType) ?? null;
  const base = { neededBytes, usableBytes: usable, observationsPerSymbol: observationsPerSymbol(workload) };
  if (usable === null || neededBytes <= usable) return { ...base, fits: true };
  const nodeType = smallestNodeTypeFor(neededBytes, config.region);
  const days = longestRetentionDays(workload, usable);
  const options = [
    nodeType ? `bavest-signals configure --node-type ${nodeType}` : undefined,
    days >= 1 ? `bavest-signals configure --history-retention-days ${days}` : undefined,
  ].filter((option) => option !== undefined);
  const fix =
    options.length > 0
      ? `needs ~${mib(neededBytes)}, a ${config.cache.nodeType} holds ~${mib(usable)}. Run: ${options.join(" (or: ")}${options.length > 1 ? ")" : ""}`
      : `needs ~${mib(neededBytes)}, more than any known node type; watch fewer symbols or run less often.`;
  return { ...base, fits: false, fix };
}

function shardVerdict(config: PlanConfig, plan: IngestionPlan): Capacity["shards"] {
  const needed = shardsNeeded(config.symbols.length, plan.secondsPerRun);
  if (config.stream.mode === "on-demand") {
    const fits = needed <= ON_DEMAND_INITIAL_SHARDS;
    return fits
      ? { needed, configured: "on-demand", fits }
      : {
          needed,
          configured: "on-demand",
          fits,
          fix: `Run: bavest-signals configure --stream-mode provisioned --shards ${needed}`,
        };
  }
  const configured = config.stream.shards;
  return needed <= configured
    ? { needed, configured, fits: true }
    : { needed, configured, fits: false, fix: `Run: bavest-signals configure --shards ${needed}` };
}

function ingestionVerdict(config: PlanConfig, plan: IngestionPlan): Capacity["ingestion"] {
  const timeoutSeconds = config.functions.timeoutSeconds;
  const intervalSeconds = scheduleIntervalSeconds(config.schedule);
  const limit = Math.min(timeoutSeconds, intervalSeconds);
  const facts = {
    secondsPerRun: plan.secondsPerRun,
    timeoutSeconds,
    intervalSeconds,
    invocationsPerRun: plan.slices.length,
    rateShare: plan.rateShare,
  };
  if (plan.secondsPerRun <= limit) return { ...facts, fits: true };
  const rate = Math.ceil(config.symbols.length / (limit * 0.8));
  const timeout = Math.min(900, Math.ceil(plan.secondsPerRun / 0.8));
  const options = [
    `bavest-signals configure --bavest-requests-per-second ${rate} (if the Bavest plan allows it)`,
    timeout > timeoutSeconds && timeout <= intervalSeconds
      ? `bavest-signals configure --function-timeout-seconds ${timeout}`
      : undefined,
  ].filter((option) => option !== undefined);
  return {
    ...facts,
    fits: false,
    fix: `a run takes ~${Math.ceil(plan.secondsPerRun)} s, more than ${limit} s. Run: ${options.join(" or ")}`,
  };
}

/** Every capacity verdict of a configuration: pure, offline, fast for 10,000 symbols. */
export function assessCapacity(config: PlanConfig, options: { latencyMs?: number } = {}): Capacity {
  const ingestionPlan = planIngestion({
    symbols: config.symbols,
    requestsPerSecond: config.ingestion.requestsPerSecond,
    timeoutSeconds: config.functions.timeoutSeconds,
    requestTimeoutSeconds: config.ingestion.requestTimeoutSeconds,
    requestsPerSymbol: requestsPerSymbol(config.ingestion.apiVersion),
    latencyMs: options.latencyMs,
  });
  return {
    redis: redisVerdict(config),
    shards: shardVerdict(config, ingestionPlan),
    ingestion: ingestionVerdict(config, ingestionPlan),
    bavestCallsPerMonth: Math.round(config.symbols.length * runsPerDay(config.schedule) * DAYS_PER_MONTH),
    ingestionPlan,
  };
}

/** Whether every verdict fits. */
export function allFit(capacity: Capacity): boolean {
  return capacity.redis.fits && capacity.shards.fits && capacity.ingestion.fits;
}

/** One sentence per verdict that does not fit, with its fix: what `configure` and `deploy` warn. */
export function capacityWarnings(config: PlanConfig): string[] {
  const capacity = assessCapacity(config);
  const named: [string, Verdict][] = [
    ["Redis memory", capacity.redis],
    ["Kinesis shards", capacity.shards],
    ["An ingestion run", capacity.ingestion],
  ];
  return named
    .filter(([, verdict]) => !verdict.fits)
    .map(([what, verdict]) => `${what} does not fit: ${verdict.fix ?? "see bavest-signals plan"}`);
}
