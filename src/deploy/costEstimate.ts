import type { StackConfig } from "../stack/config.js";
import { CACHE_NODE_HOUR, cacheNodeFigure, PRICE_BASIS, PRICES } from "./prices.js";
import { DAYS_PER_MONTH, runsPerDay } from "./workload.js";

export interface CostLine {
  item: string;
  /** How the figure was reached, e.g. "1 shard x 730 h x $0.015". */
  basis: string;
  monthlyUsd: number;
}

export interface CostEstimate {
  label: "estimate";
  lines: CostLine[];
  totalMonthlyUsd: number;
  priceBasis: typeof PRICE_BASIS;
  notIncluded: string[];
}

/** Assumed per-run work, for the usage-based items. */
const ASSUMED = {
  ingestionSeconds: 2,
  processingSeconds: 0.5,
  recordBytes: 1024,
  logBytesPerInvocation: 2048,
};
const HOURS = PRICE_BASIS.hoursPerMonth;
const GB = 1024 ** 3;

const money = (value: number) => `$${value.toFixed(value < 1 ? 4 : 3)}`;

function kinesisLines(config: StackConfig, recordsPerMonth: number): CostLine[] {
  const k = PRICES.kinesis;
  const gigabytes = (recordsPerMonth * ASSUMED.recordBytes) / GB;
  if (config.stream.mode === "on-demand") {
    return [
      {
        item: "Kinesis on-demand stream",
        basis: `${HOURS} h x ${money(k.onDemandStreamHour)}`,
        monthlyUsd: HOURS * k.onDemandStreamHour,
      },
      {
        item: "Kinesis on-demand data in/out",
        basis: `${gigabytes.toFixed(3)} GB x (${money(k.onDemandIngestPerGb)} + ${money(k.onDemandRetrievalPerGb)})`,
        monthlyUsd: gigabytes * (k.onDemandIngestPerGb + k.onDemandRetrievalPerGb),
      },
    ];
  }
  const shards = config.stream.shards;
  const lines: CostLine[] = [
    {
      item: "Kinesis shards",
      basis: `${shards} shard(s) x ${HOURS} h x ${money(k.shardHour)}`,
      monthlyUsd: shards * HOURS * k.shardHour,
    },
    {
      item: "Kinesis PUT payload units",
      basis: `${Math.round(recordsPerMonth).toLocaleString("en-US")} records x ${money(k.putPayloadUnitsPerMillion)}/M`,
      monthlyUsd: (recordsPerMonth / 1e6) * k.putPayloadUnitsPerMillion,
    },
  ];
  if (config.stream.retentionHours > 24) {
    lines.push({
      item: "Kinesis extended retention",
      basis: `${shards} shard(s) x ${HOURS} h x ${money(k.extendedRetentionShardHour)}`,
      monthlyUsd: shards * HOURS * k.extendedRetentionShardHour,
    });
  }
  return lines;
}

function lambdaLine(config: StackConfig, runsPerMonth: number): CostLine {
  const { memoryMb, architecture } = config.functions;
  const processingInvocations = runsPerMonth * Math.max(1, config.stream.shards);
  const invocations = runsPerMonth + processingInvocations;
  const seconds = runsPerMonth * ASSUMED.ingestionSeconds + processingInvocations * ASSUMED.processingSeconds;
  const gbSeconds = (seconds * memoryMb) / 1024;
  const rate = PRICES.lambda.gbSecond[architecture];
  return {
    item: "Lambda (ingestion + processing)",
    basis: `${Math.round(invocations).toLocaleString("en-US")} invocations, ${Math.round(gbSeconds).toLocaleString("en-US")} GB-s (${architecture}) x ${rate}`,
    monthlyUsd: gbSeconds * rate + (invocations / 1e6) * PRICES.lambda.requestsPerMillion,
  };
}

/**
 * The monthly cost of a configuration at list prices (PRICE_BASIS): always an estimate.
 * Usage-based items assume ~1 KiB records, 2 s per ingestion run and 0.5 s per batch.
 */
export function estimateMonthlyCost(config: StackConfig): CostEstimate {
  const runsPerMonth = runsPerDay(config.schedule) * DAYS_PER_MONTH;
  const recordsPerMonth = runsPerMonth * config.symbols.length;
  const nodeHour = cacheNodeFigure(CACHE_NODE_HOUR, config.cache.nodeType) ?? 0;
  const lines: CostLine[] = [
    ...kinesisLines(config, recordsPerMonth),
    {
      item: `ElastiCache ${config.cache.nodeType}`,
      basis: `${config.cache.nodeCount} node(s) x ${HOURS} h x ${money(nodeHour)}`,
      monthlyUsd: config.cache.nodeCount * HOURS * nodeHour,
    },
    lambdaLine(config, runsPerMonth),
    {
      item: "Secrets Manager",
      basis: `1 secret x ${money(PRICES.secretsManager.secretMonth)}`,
      monthlyUsd: PRICES.secretsManager.secretMonth,
    },
    {
      item: "CloudWatch Logs ingestion",
      basis: `~${ASSUMED.logBytesPerInvocation} bytes per invocation x ${money(PRICES.cloudWatch.logsIngestPerGb)}/GB`,
      monthlyUsd:
        ((runsPerMonth * 2 * ASSUMED.logBytesPerInvocation) / GB) * PRICES.cloudWatch.logsIngestPerGb,
    },
  ];
  if (config.alarms.enabled) {
    const alarms = 4;
    lines.push({
      item: "CloudWatch alarms",
      basis: `${alarms} alarms x ${money(PRICES.cloudWatch.standardAlarmMonth)}`,
      monthlyUsd: alarms * PRICES.cloudWatch.standardAlarmMonth,
    });
  }
  if (config.bastion) {
    const hourly = PRICES.ec2["t4g.nano"];
    lines.push({
      item: "Bastion EC2 t4g.nano",
      basis: `${HOURS} h x ${money(hourly)}`,
      monthlyUsd: HOURS * hourly,
    });
  }
  const totalMonthlyUsd = lines.reduce((sum, line) => sum + line.monthlyUsd, 0);
  return {
    label: "estimate",
    lines,
    totalMonthlyUsd,
    priceBasis: PRICE_BASIS,
    notIncluded: ["free tier", "data transfer", "NAT or VPC endpoints", "EBS of the bastion", "taxes"],
  };
}

/** The estimate as a small table, labelled as such, with its price basis. */
export function renderCostEstimate(estimate: CostEstimate): string {
  const width = Math.max(...estimate.lines.map((line) => line.item.length));
  const rows = estimate.lines.map(
    (line) => `  ${line.item.padEnd(width)}  ${`$${line.monthlyUsd.toFixed(2)}`.padStart(9)}  ${line.basis}`,
  );
  const { region, asOf } = estimate.priceBasis;
  return [
    `Estimated monthly cost (estimate; ${region} on-demand list prices as of ${asOf}):`,
    ...rows,
    `  ${"Total".padEnd(width)}  ${`$${estimate.totalMonthlyUsd.toFixed(2)}`.padStart(9)}  per month`,
    `  Not included: ${estimate.notIncluded.join(", ")}.`,
  ].join("\n");
}
