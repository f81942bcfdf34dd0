import { INGESTION_METRICS, PROCESSING_METRICS } from "../lambdas/shared/metricNames.js";
import { alarmCount } from "../stack/components/alarmInventory.js";
import type { StackConfig } from "../stack/config.js";
import { usesUnconfirmedPrice } from "./priceConfidence.js";
import { cacheNodeFigure, HOURS_PER_MONTH, pricesFor, type RegionPrices } from "./prices.js";
import { DAYS_PER_MONTH, runsPerDay } from "./workload.js";

export interface CostLine {
  item: string;
  /** How the figure was reached, e.g. "1 shard x 730 h x $0.015". */
  basis: string;
  /** Null when the region has no price table. */
  monthlyUsd: number | null;
  /** Set when the figure rests on a price no source checked confirms (see prices.ts). */
  unconfirmedPrice?: true;
}

export interface CostEstimate {
  label: "estimate";
  region: string;
  lines: CostLine[];
  /** Null when the region has no price table. */
  totalMonthlyUsd: number | null;
  /** The table used, or null with `missingTable` saying so. */
  priceBasis: { region: string; asOf: string; sources: string[]; unconfirmed: string[] } | null;
  missingTable?: string;
  notIncluded: string[];
}

/** What a run does, from the capacity model when it is known. */
export interface RunWork {
  ingestionSecondsPerRun: number;
  invocationsPerRun: number;
}

/** Assumed per-run work, for the usage-based items the plan does not model. */
const ASSUMED = {
  ingestionSeconds: 2,
  processingSeconds: 0.5,
  recordBytes: 1024,
  logBytesPerInvocation: 2048,
  failureBucketGb: 1,
  /**
   * Hours a month the bastion runs when started on demand: about 20 working days of one tunnel,
   * inspect or status session, each followed by the idle hour before it stops itself.
   */
  bastionHoursOnDemand: 40,
};
/** The EMF metrics the functions publish (namespace BavestSignals, dimension service). */
export const CUSTOM_METRIC_COUNT =
  Object.keys(PROCESSING_METRICS).length + Object.keys(INGESTION_METRICS).length;
const HOURS = HOURS_PER_MONTH;
const GB = 1024 ** 3;

const money = (value: number) => `$${value.toFixed(value < 1 ? 4 : 3)}`;
const count = (value: number) => Math.round(value).toLocaleString("en-US");

function kinesisLines(config: StackConfig, p: RegionPrices, recordsPerMonth: number): CostLine[] {
  const k = p.kinesis;
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
      basis: `${count(recordsPerMonth)} records x ${money(k.putPayloadUnitsPerMillion)}/M`,
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

function lambdaLine(config: StackConfig, p: RegionPrices, runsPerMonth: number, work: RunWork): CostLine {
  const { memoryMb, architecture } = config.functions;
  const ingestionInvocations = runsPerMonth * work.invocationsPerRun;
  const processingInvocations = runsPerMonth * Math.max(1, config.stream.shards);
  const invocations = ingestionInvocations + processingInvocations;
  const seconds =
    ingestionInvocations * work.ingestionSecondsPerRun + processingInvocations * ASSUMED.processingSeconds;
  const gbSeconds = (seconds * memoryMb) / 1024;
  const rate = p.lambda.gbSecond[architecture];
  return {
    item: "Lambda (ingestion + processing)",
    basis: `${count(invocations)} invocations, ${count(gbSeconds)} GB-s (${architecture}) x $${rate} per GB-second`,
    monthlyUsd: gbSeconds * rate + (invocations / 1e6) * p.lambda.requestsPerMillion,
  };
}

function monitoringLines(config: StackConfig, p: RegionPrices, runsPerMonth: number): CostLine[] {
  const cw = p.cloudWatch;
  const logGb = (runsPerMonth * 2 * ASSUMED.logBytesPerInvocation) / GB;
  const lines: CostLine[] = [
    {
      item: "CloudWatch Logs ingestion",
      basis: `~${ASSUMED.logBytesPerInvocation} bytes per invocation x ${money(cw.logsIngestPerGb)}/GB`,
      monthlyUsd: logGb * cw.logsIngestPerGb,
    },
    {
      item: "CloudWatch dashboard",
      basis: `1 dashboard x ${money(cw.dashboardMonth)} (free if the account has fewer than ${cw.freeDashboards})`,
      monthlyUsd: cw.dashboardMonth,
    },
  ];
  const billableMetrics = Math.max(0, CUSTOM_METRIC_COUNT - cw.freeCustomMetrics);
  lines.push({
    item: "CloudWatch custom metrics (EMF)",
    basis: `${CUSTOM_METRIC_COUNT} metrics, the first ${cw.freeCustomMetrics} of the account free, then x ${money(cw.customMetricMonth)}`,
    monthlyUsd: billableMetrics * cw.customMetricMonth,
  });
  const alarms = alarmCount(config);
  if (alarms.total > 0) {
    const parts = [`${alarms.pipeline} pipeline`, ...(alarms.bastion > 0 ? ["1 bastion idle stop"] : [])];
    lines.push({
      item: "CloudWatch alarms",
      basis: `${alarms.total} alarms (${parts.join(" + ")}) x ${money(cw.standardAlarmMonth)}`,
      monthlyUsd: alarms.total * cw.standardAlarmMonth,
    });
  }
  if (config.alarms.enabled) {
    lines.push({
      item: "KMS key (alarm topic)",
      basis: `1 customer-managed key x ${money(p.kms.keyMonth)}`,
      monthlyUsd: p.kms.keyMonth,
    });
  }
  return lines;
}

/**
 * The bastion runs only while the CLI needs it (started on demand, stopped after an idle hour),
 * and a stopped instance pays neither its hours nor its auto-assigned public IPv4 address, which
 * EC2 releases at the stop. Each line also names what it would cost always on.
 */
function bastionLines(config: StackConfig, p: RegionPrices): CostLine[] {
  if (!config.bastion) return [];
  const hours = ASSUMED.bastionHoursOnDemand;
  const line = (item: string, hourly: number, what: string): CostLine => ({
    item,
    basis: `${what}${hours} h a month on demand x ${money(hourly)} (always on: ${HOURS} h = ${dollars(HOURS * hourly)})`,
    monthlyUsd: hours * hourly,
  });
  return [
    line("Bastion EC2 t4g.nano", p.ec2["t4g.nano"] ?? 0, ""),
    line("Bastion public IPv4 address", p.publicIpv4Hour, "1 address x "),
  ];
}

/** Every line priced with one region's table. */
function pricedLines(config: StackConfig, p: RegionPrices, work: RunWork): CostLine[] {
  const runsPerMonth = runsPerDay(config.schedule) * DAYS_PER_MONTH;
  const recordsPerMonth = runsPerMonth * config.symbols.length;
  const nodeHour = cacheNodeFigure(p.cacheNodeHour, config.cache.nodeType) ?? 0;
  return [
    ...kinesisLines(config, p, recordsPerMonth),
    {
      item: `ElastiCache ${config.cache.nodeType}`,
      basis: `${config.cache.nodeCount} node(s) x ${HOURS} h x ${money(nodeHour)}`,
      monthlyUsd: config.cache.nodeCount * HOURS * nodeHour,
    },
    lambdaLine(config, p, runsPerMonth, work),
    {
      item: "Secrets Manager",
      basis: `1 secret x ${money(p.secretsManager.secretMonth)}`,
      monthlyUsd: p.secretsManager.secretMonth,
    },
    {
      item: "S3 failure bucket",
      basis: `~${ASSUMED.failureBucketGb} GB of failed batches x ${money(p.s3.standardGbMonth)}`,
      monthlyUsd: ASSUMED.failureBucketGb * p.s3.standardGbMonth,
    },
    ...monitoringLines(config, p, runsPerMonth),
    ...bastionLines(config, p),
  ];
}

/**
 * The monthly cost of a configuration at its region's list prices: always an estimate.
 * A region without a price table gets the same lines with no figures, and says so.
 */
export function estimateMonthlyCost(config: StackConfig, work?: RunWork): CostEstimate {
  const runWork = work ?? { ingestionSecondsPerRun: ASSUMED.ingestionSeconds, invocationsPerRun: 1 };
  const notIncluded = ["free tier", "data transfer", "EBS of the bastion", "taxes"];
  const table = pricesFor(config.region);
  if (!table) {
    const template = pricedLines(config, pricesFor("us-east-1") as RegionPrices, runWork);
    return {
      label: "estimate",
      region: config.region,
      lines: template.map((line) => ({ item: line.item, basis: "no price table", monthlyUsd: null })),
      totalMonthlyUsd: null,
      priceBasis: null,
      missingTable: `No price table for ${config.region} (tables: us-east-1, eu-central-1); the lines are listed without prices. Add one in src/plan/prices.ts.`,
      notIncluded,
    };
  }
  const lines = pricedLines(config, table, runWork).map((line) =>
    usesUnconfirmedPrice(line.item, config, table) ? { ...line, unconfirmedPrice: true as const } : line,
  );
  return {
    label: "estimate",
    region: config.region,
    lines,
    totalMonthlyUsd: lines.reduce((sum, line) => sum + (line.monthlyUsd ?? 0), 0),
    priceBasis: {
      region: table.region,
      asOf: table.asOf,
      sources: table.sources,
      unconfirmed: [...table.unconfirmed],
    },
    notIncluded,
  };
}

/** Printed after a line whose price is unconfirmed, and before the note that lists them. */
export const UNCONFIRMED_MARK = "(unconfirmed price)";

const dollars = (value: number | null) => (value === null ? "n/a" : `$${value.toFixed(2)}`);

/** The estimate as a small table, labelled as such, with its price basis. */
export function renderCostEstimate(estimate: CostEstimate): string {
  const width = Math.max(...estimate.lines.map((line) => line.item.length));
  const mark = (line: CostLine) => (line.unconfirmedPrice ? ` ${UNCONFIRMED_MARK}` : "");
  const rows = estimate.lines.map(
    (line) =>
      `  ${line.item.padEnd(width)}  ${dollars(line.monthlyUsd).padStart(9)}  ${line.basis}${mark(line)}`,
  );
  const unconfirmed = estimate.lines.filter((line) => line.unconfirmedPrice).map((line) => line.item);
  const basis = estimate.priceBasis;
  const heading = basis
    ? `Estimated monthly cost (estimate; ${basis.region} on-demand list prices as of ${basis.asOf}):`
    : `Estimated monthly cost: ${estimate.missingTable}`;
  return [
    heading,
    ...rows,
    `  ${"Total".padEnd(width)}  ${dollars(estimate.totalMonthlyUsd).padStart(9)}  per month`,
    `  Not included: ${estimate.notIncluded.join(", ")}.`,
    ...(basis ? [`  Prices: ${basis.sources.join(", ")}`] : []),
    ...(unconfirmed.length > 0
      ? [
          `  ${UNCONFIRMED_MARK}: no source checked confirms the price behind ${unconfirmed.join(", ")}; see src/plan/prices.ts.`,
        ]
      : []),
  ].join("\n");
}
