import { CACHE_NODE_MEMORY_GIB, cacheNodeFigure, pricesFor } from "./prices.js";

/**
 * Redis memory per stored observation: the per-observation key with its Signal JSON, its TTL,
 * the keyspace entry and the history sorted-set entry. Measured through the processing bundle
 * into a real redis-server with the pipeline's own settings (src/core/redisTuning.ts; 20,000
 * observations, `INFO memory` before and after, less the changes and outcomes streams, which
 * are fixed amounts): 414 bytes with compact history values (664 before them).
 * `npm run bench -- --only memory` prints its measurement next to this constant.
 */
export const BYTES_PER_OBSERVATION = 414;

/**
 * What a symbol costs once, whatever its history: `latest` (a full Signal with the
 * per-delivery fields), the sorted set's own header and the member in `bavest:symbols`.
 */
export const BYTES_PER_SYMBOL = 1_200;

/** Redis's own memory before any key is written (`used_memory` of an empty server). */
export const BASE_BYTES = 1_000_000;

/**
 * ElastiCache keeps 25% of a node's memory back by default (`reserved-memory-percent`):
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/redis-memory-management.html
 */
export const USABLE_MEMORY_SHARE = 0.75;

const GIB = 1024 ** 3;

export interface RedisWorkload {
  symbols: number;
  runsPerDay: number;
  retentionDays: number;
}

/** Observations one symbol keeps at steady state: one per run for the retention window. */
export function observationsPerSymbol(workload: Pick<RedisWorkload, "runsPerDay" | "retentionDays">): number {
  return Math.ceil(workload.runsPerDay * workload.retentionDays);
}

/** Bytes the history and the per-symbol keys take once the retention window is full. */
export function steadyStateBytes(workload: RedisWorkload): number {
  const perSymbol = BYTES_PER_SYMBOL + observationsPerSymbol(workload) * BYTES_PER_OBSERVATION;
  return BASE_BYTES + workload.symbols * perSymbol;
}

/** What Redis may use on one node of this type, or undefined for an unknown type. */
export function usableBytes(nodeType: string): number | undefined {
  const gib = cacheNodeFigure(CACHE_NODE_MEMORY_GIB, nodeType);
  return gib === undefined ? undefined : Math.floor(gib * GIB * USABLE_MEMORY_SHARE);
}

/**
 * The cheapest known node type whose usable memory holds `bytes`, or undefined. Node types
 * are ordered by their hourly price in `region` (us-east-1's order where it has no table).
 */
export function smallestNodeTypeFor(bytes: number, region = "us-east-1"): string | undefined {
  const hourly = (pricesFor(region) ?? pricesFor("us-east-1"))?.cacheNodeHour ?? {};
  const sizes = ["xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge"];
  const larger = Object.keys(CACHE_NODE_MEMORY_GIB)
    .filter((nodeType) => nodeType.endsWith(".large"))
    .flatMap((nodeType) => sizes.map((size) => nodeType.replace(/\.large$/, `.${size}`)));
  const candidates = [...Object.keys(CACHE_NODE_MEMORY_GIB), ...larger]
    .map((nodeType) => ({
      nodeType,
      usable: usableBytes(nodeType) ?? 0,
      price: cacheNodeFigure(hourly, nodeType) ?? Number.POSITIVE_INFINITY,
    }))
    .filter((candidate) => candidate.usable >= bytes)
    .sort((a, b) => a.price - b.price || a.usable - b.usable);
  return candidates[0]?.nodeType;
}

/** The longest whole-day retention that fits `usable` bytes, or 0 when not even one day does. */
export function longestRetentionDays(workload: RedisWorkload, usable: number): number {
  const perDay = workload.symbols * workload.runsPerDay * BYTES_PER_OBSERVATION;
  const fixed = BASE_BYTES + workload.symbols * BYTES_PER_SYMBOL;
  return perDay <= 0 ? Number.POSITIVE_INFINITY : Math.max(0, Math.floor((usable - fixed) / perDay));
}
