import type { CostEstimate } from "../plan/costEstimate.js";
import type { StackConfig } from "../stack/config.js";
import type { EngineEvent } from "../stack/engine/types.js";
import { isBookkeeping } from "./resourceNames.js";

/** The monthly estimate before and after a preview's changes, and what changes line by line. */
export interface CostDelta {
  label: "estimate";
  /** The deployed resources' estimate; 0 when nothing is deployed yet. */
  beforeMonthlyUsd: number;
  /** null: the region has no price table, so there is nothing to compare. */
  afterMonthlyUsd: number | null;
  deltaMonthlyUsd: number | null;
  /** Items whose estimate changes (items that appear or go away included). */
  lines: Array<{ item: string; beforeMonthlyUsd: number; afterMonthlyUsd: number }>;
}

type Inputs = Record<string, unknown>;

/** Steps that stand for a resource the stack has before the change (not one it is about to add). */
const NEW_ONLY = new Set(["create", "import", "create-replacement", "import-replacement", "read"]);

const num = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;
const text = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;

/** What the deployed state says about one cost-relevant resource, over the configured values. */
function applyDeployed(config: StackConfig, type: string, inputs: Inputs): void {
  if (type === "aws:kinesis/stream:Stream") {
    const mode = (inputs.streamModeDetails as Inputs | undefined)?.streamMode;
    if (mode === "ON_DEMAND" || mode === "PROVISIONED")
      config.stream.mode = mode === "ON_DEMAND" ? "on-demand" : "provisioned";
    config.stream.shards = num(inputs.shardCount) ?? config.stream.shards;
    config.stream.retentionHours = num(inputs.retentionPeriod) ?? config.stream.retentionHours;
  } else if (type === "aws:elasticache/replicationGroup:ReplicationGroup") {
    config.cache.nodeType = text(inputs.nodeType) ?? config.cache.nodeType;
    config.cache.nodeCount = num(inputs.numCacheClusters) ?? config.cache.nodeCount;
  } else if (type === "aws:lambda/function:Function") {
    config.functions.memoryMb = num(inputs.memorySize) ?? config.functions.memoryMb;
    const architecture = (inputs.architectures as unknown[] | undefined)?.[0];
    if (architecture === "arm64" || architecture === "x86_64") config.functions.architecture = architecture;
  } else if (type === "aws:cloudwatch/eventRule:EventRule") {
    config.schedule = text(inputs.scheduleExpression) ?? config.schedule;
  }
}

/** The watchlist the deployed schedule targets send (`{"symbols": [...]}` inputs), if they say. */
function deployedSymbols(targets: Inputs[]): string[] | undefined {
  const symbols = targets.flatMap((inputs) => {
    try {
      const parsed = JSON.parse(text(inputs.input) ?? "null") as { symbols?: unknown };
      return Array.isArray(parsed?.symbols) ? parsed.symbols.map(String) : [];
    } catch {
      return [];
    }
  });
  return symbols.length > 0 ? symbols : undefined;
}

/**
 * The configuration the deployed resources correspond to, read from the preview's old states
 * (what the engine says each resource is now), over `config` where the state says nothing.
 * Null when the stack has no resources yet, so the "before" cost is 0.
 */
export function deployedConfig(config: StackConfig, events: readonly EngineEvent[]): StackConfig | null {
  const deployed = structuredClone(config);
  const existingTypes = new Set<string>();
  const targets: Inputs[] = [];
  for (const event of events) {
    const step = event.resourcePreEvent?.metadata;
    if (!step || isBookkeeping(step.type) || NEW_ONLY.has(step.op)) continue;
    existingTypes.add(step.type);
    const inputs = step.old?.inputs;
    if (!inputs) continue;
    applyDeployed(deployed, step.type, inputs);
    if (step.type === "aws:cloudwatch/eventTarget:EventTarget") targets.push(inputs);
  }
  if (existingTypes.size === 0) return null;
  deployed.symbols = deployedSymbols(targets) ?? deployed.symbols;
  deployed.bastion = existingTypes.has("aws:ec2/instance:Instance");
  deployed.alarms.enabled = existingTypes.has("aws:cloudwatch/metricAlarm:MetricAlarm");
  return deployed;
}

/** The difference of two estimates (`before` null: nothing deployed), item by item. */
export function costDelta(before: CostEstimate | null, after: CostEstimate): CostDelta {
  if (after.totalMonthlyUsd === null) {
    return {
      label: "estimate",
      beforeMonthlyUsd: 0,
      afterMonthlyUsd: null,
      deltaMonthlyUsd: null,
      lines: [],
    };
  }
  const beforeByItem = new Map((before?.lines ?? []).map((line) => [line.item, line.monthlyUsd ?? 0]));
  const afterByItem = new Map(after.lines.map((line) => [line.item, line.monthlyUsd ?? 0]));
  const items = [...new Set([...afterByItem.keys(), ...beforeByItem.keys()])];
  const lines = items
    .map((item) => ({
      item,
      beforeMonthlyUsd: beforeByItem.get(item) ?? 0,
      afterMonthlyUsd: afterByItem.get(item) ?? 0,
    }))
    .filter((line) => Math.abs(line.afterMonthlyUsd - line.beforeMonthlyUsd) >= 0.005);
  const beforeMonthlyUsd = before?.totalMonthlyUsd ?? 0;
  return {
    label: "estimate",
    beforeMonthlyUsd,
    afterMonthlyUsd: after.totalMonthlyUsd,
    deltaMonthlyUsd: after.totalMonthlyUsd - beforeMonthlyUsd,
    lines,
  };
}

const usd = (value: number) => `$${value.toFixed(2)}`;
const signed = (value: number) => `${value >= 0 ? "+" : "-"}${usd(Math.abs(value))}`;

/** "Estimated monthly cost: $40.12 -> $52.30 (+$12.18)" and the items that change. */
export function renderCostDelta(delta: CostDelta): string {
  if (delta.afterMonthlyUsd === null || delta.deltaMonthlyUsd === null) {
    return "Change in the estimated monthly cost: not estimated (no price table for this region).";
  }
  const head = `Change in the estimated monthly cost (estimate): ${usd(delta.beforeMonthlyUsd)} -> ${usd(delta.afterMonthlyUsd)} (${signed(delta.deltaMonthlyUsd)} per month)`;
  if (delta.lines.length === 0) return head;
  const width = Math.max(...delta.lines.map((line) => line.item.length));
  const rows = delta.lines.map(
    (line) =>
      `  ${line.item.padEnd(width)}  ${usd(line.beforeMonthlyUsd).padStart(9)} -> ${usd(line.afterMonthlyUsd).padStart(9)}  ${signed(line.afterMonthlyUsd - line.beforeMonthlyUsd)}`,
  );
  return [head, ...rows].join("\n");
}
