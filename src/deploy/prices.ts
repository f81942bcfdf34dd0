/**
 * AWS list prices the cost estimate uses: us-east-1, on-demand, no free tier, no savings
 * plans. Data, not logic: update the numbers and `asOf` together when AWS changes them.
 */
export const PRICE_BASIS = {
  region: "us-east-1",
  asOf: "2025-06-01",
  source: "https://aws.amazon.com/pricing/ (on-demand list prices)",
  hoursPerMonth: 730,
} as const;

export const PRICES = {
  kinesis: {
    shardHour: 0.015,
    /** Per million 25 KB PUT payload units. */
    putPayloadUnitsPerMillion: 0.014,
    /** Retention beyond 24 hours, per shard-hour (up to 7 days). */
    extendedRetentionShardHour: 0.02,
    onDemandStreamHour: 0.04,
    onDemandIngestPerGb: 0.08,
    onDemandRetrievalPerGb: 0.04,
  },
  lambda: {
    requestsPerMillion: 0.2,
    gbSecond: { arm64: 0.0000133334, x86_64: 0.0000166667 },
  },
  secretsManager: { secretMonth: 0.4, apiCallsPer10k: 0.05 },
  cloudWatch: { standardAlarmMonth: 0.1, logsIngestPerGb: 0.5 },
  ec2: { "t4g.nano": 0.0042 },
} as const;

/** ElastiCache node-hours by node type; larger sizes of a family scale from its `large`. */
export const CACHE_NODE_HOUR: Record<string, number> = {
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
};

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
