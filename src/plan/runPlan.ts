import { TARGETS_PER_RULE } from "../core/ingestionModel.js";
import { CONFIG_FIELDS, type ConfigFieldName, parseStackConfig, type StackConfig } from "../stack/config.js";
import { readStackFile } from "../stack/stackFile.js";
import { allFit, assessCapacity, type Capacity } from "./capacity.js";
import { type CostEstimate, estimateMonthlyCost } from "./costEstimate.js";

export interface PlanOptions {
  stack: string;
  /** The stack's Pulumi.<stack>.yaml; it need not exist. */
  stackFile: string;
  /** Values given as `configure` flags, by setting name; they win over the file. */
  values: Partial<Record<ConfigFieldName, string | undefined>>;
  /** Assumed Bavest round trip per quote. */
  latencyMs?: number;
}

export interface Plan {
  stack: string;
  config: StackConfig;
  /** Where the config came from, for the first line of the text output. */
  source: string;
  creates: string[];
  cost: CostEstimate;
  capacity: Capacity;
  fits: boolean;
}

/** The stack's config file overlaid with flags, validated like `configure` does. */
export function planConfig(options: PlanOptions): { config: StackConfig; source: string } {
  const file = readStackFile(options.stackFile);
  const raw = { ...(file?.values ?? {}) };
  for (const [name, text] of Object.entries(options.values)) {
    if (text !== undefined) raw[CONFIG_FIELDS[name as ConfigFieldName].key] = text;
  }
  const source = file ? options.stackFile : `the defaults (no ${options.stackFile})`;
  return { config: parseStackConfig(raw), source };
}

/** What the stack would create, one line per kind of resource (the program's components). */
function resourcesOf(config: StackConfig, capacity: Capacity): string[] {
  const slices = capacity.ingestionPlan.slices.length;
  const rules = Math.ceil(slices / TARGETS_PER_RULE);
  const stream = config.stream.mode === "on-demand" ? "on-demand" : `${config.stream.shards} shard(s)`;
  return [
    config.existingNetwork
      ? `VPC ${config.existingNetwork.vpcId} (existing)`
      : "a VPC with private subnets (no NAT gateway)",
    `Kinesis stream: ${stream}, ${config.stream.retentionHours} h retention`,
    `ElastiCache Redis: ${config.cache.nodeCount} x ${config.cache.nodeType}`,
    `Lambda ingestion and processing: ${config.functions.memoryMb} MB ${config.functions.architecture}, ${config.functions.timeoutSeconds} s timeout`,
    `Schedule ${config.schedule}: ${rules} rule(s), ${slices} target(s) of up to ${Math.max(...capacity.ingestionPlan.slices.map((s) => s.length), 0)} symbols`,
    "Secrets Manager secret (the Bavest API key)",
    "S3 bucket for failed batches",
    ...(config.alarms.enabled ? ["CloudWatch alarms, an SNS topic and its KMS key"] : []),
    "CloudWatch dashboard and log groups",
    ...(config.bastion ? ["Bastion EC2 t4g.nano with a public IPv4 address (Session Manager)"] : []),
  ];
}

/** The plan of one stack: offline, no Pulumi CLI, no AWS. */
export function runPlan(options: PlanOptions): Plan {
  const { config, source } = planConfig(options);
  const capacity = assessCapacity(config, { latencyMs: options.latencyMs });
  const cost = estimateMonthlyCost(config, {
    ingestionSecondsPerRun: capacity.ingestion.secondsPerRun,
    invocationsPerRun: capacity.ingestion.invocationsPerRun,
  });
  return {
    stack: options.stack,
    config,
    source,
    creates: resourcesOf(config, capacity),
    cost,
    capacity,
    fits: allFit(capacity),
  };
}

/** The `plan --json` document (docs/contracts.md section 6), exactly. */
export function planDocument(plan: Plan) {
  const { redis, shards, ingestion } = plan.capacity;
  return {
    stack: plan.stack,
    region: plan.config.region,
    monthlyUsd: roundCents(plan.cost.totalMonthlyUsd),
    lines: plan.cost.lines.map((line) => ({ item: line.item, monthlyUsd: roundCents(line.monthlyUsd) })),
    capacity: {
      redis: { neededBytes: redis.neededBytes, usableBytes: redis.usableBytes, fits: redis.fits },
      shards: { needed: shards.needed, configured: shards.configured, fits: shards.fits },
      ingestion: {
        secondsPerRun: Math.round(ingestion.secondsPerRun * 10) / 10,
        timeoutSeconds: ingestion.timeoutSeconds,
        fits: ingestion.fits,
      },
    },
  };
}

function roundCents(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}
