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
 *   beyond the first three (https://aws.amazon.com/cloudwatch/pricing/)
 */
export interface RegionPrices {
  region: string;
  asOf: string;
  /** Where the figures come from, printed next to the estimate. */
  sources: string[];
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
  kinesis: {
    shardHour: 0.015,
    putPayloadUnitsPerMillion: 0.014,
    extendedRetentionShardHour: 0.02,
    onDemandStreamHour: 0.04,
    onDemandIngestPerGb: 0.08,
    onDemandRetrievalPerGb: 0.04,
  },
  lambda: { requestsPerMillion: 0.2, gbSecond: { arm64: 0.0000133334, x86_64: 0.0000166667 } },
  secretsManager: GLOBAL.secretsManager,
  cloudWatch: {
    standardAlarmMonth: 0.1,
    dashboardMonth: 3,
    freeDashboards: 3,
    logsIngestPerGb: 0.5,
    logsStoragePerGbMonth: 0.03,
  },
  ec2: { "t4g.nano": 0.0042, "t3.nano": 0.0052 },
  publicIpv4Hour: GLOBAL.publicIpv4Hour,
  kms: GLOBAL.kms,
  s3: { standardGbMonth: 0.023, putPer1000: 0.005 },
  cacheNodeHour: {
    "cache.t3.micro": 0.017,
    "cache.t3.small": 0.034,
    "cache.t3.medium": 0.068,
    "cache.t4g.micro": 0.016,
    "cache.t4g.small": 0.032,
    "cache.t4g.medium": 0.065,
    "cache.m6g.large": 0.149,
    "cache.m7g.large": 0.158,
    "cache.r6g.large": 0.206,
    "cache.r7g.large": 0.219,
  },
};

/**
 * Europe (Frankfurt), from the same AWS pages with the region selector on "Europe (Frankfurt)".
 * Those pages render regional prices in the browser, and the reference index this table was
 * written against holds only their us-east-1 text: the Frankfurt figures below were not
 * confirmed against it. Check them on the pages before relying on them, and update `asOf`.
 */
const EU_CENTRAL_1: RegionPrices = {
  region: "eu-central-1",
  asOf: "2025-06-01",
  sources: US_EAST_1.sources.map((url) => `${url} (Europe (Frankfurt))`),
  kinesis: {
    shardHour: 0.0179,
    putPayloadUnitsPerMillion: 0.0199,
    extendedRetentionShardHour: 0.0238,
    onDemandStreamHour: 0.048,
    onDemandIngestPerGb: 0.096,
    onDemandRetrievalPerGb: 0.048,
  },
  lambda: { requestsPerMillion: 0.2, gbSecond: { arm64: 0.0000133334, x86_64: 0.0000166667 } },
  secretsManager: GLOBAL.secretsManager,
  cloudWatch: {
    standardAlarmMonth: 0.1,
    dashboardMonth: 3,
    freeDashboards: 3,
    logsIngestPerGb: 0.63,
    logsStoragePerGbMonth: 0.0324,
  },
  ec2: { "t4g.nano": 0.0048, "t3.nano": 0.006 },
  publicIpv4Hour: GLOBAL.publicIpv4Hour,
  kms: GLOBAL.kms,
  s3: { standardGbMonth: 0.0245, putPer1000: 0.0054 },
  cacheNodeHour: {
    "cache.t3.micro": 0.019,
    "cache.t3.small": 0.037,
    "cache.t3.medium": 0.075,
    "cache.t4g.micro": 0.018,
    "cache.t4g.small": 0.036,
    "cache.t4g.medium": 0.073,
    "cache.m6g.large": 0.172,
    "cache.m7g.large": 0.182,
    "cache.r6g.large": 0.236,
    "cache.r7g.large": 0.252,
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

/** Looks a node type up, scaling xlarge and bigger from the family's `large`. */
export function cacheNodeFigure(table: Record<string, number>, nodeType: string): number | undefined {
  const known = table[nodeType];
  if (known !== undefined) return known;
  const match = /^(cache\.[a-z0-9]+)\.(\w+)$/.exec(nodeType);
  const base = match ? table[`${match[1]}.large`] : undefined;
  const factor = match ? SIZE_FACTORS[match[2] ?? ""] : undefined;
  return base !== undefined && factor !== undefined ? base * factor : undefined;
}
