/**
 * Server settings the pipeline's Redis runs with, locally (dev's redis-server) and in the cloud
 * (the cache's parameter group), so that a byte measured on a laptop is a byte on ElastiCache.
 *
 * A symbol's history sorted set holds one member per observation: 2,016 at a 5-minute schedule
 * kept 7 days. Past `zset-max-listpack-entries` (128 by default) Redis turns it into a skiplist
 * costing ~115 bytes a member; as a listpack it costs ~15. Up to 4,096 members (14 days at 5
 * minutes) it stays a listpack; ZADD and ZREMRANGEBYSCORE then scan at most a few tens of KiB.
 * A modifiable parameter of the redis7 family:
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Engine.html
 */
export const REDIS_SERVER_SETTINGS: Readonly<Record<string, string>> = {
  "zset-max-listpack-entries": "4096",
};

/** The settings as redis-server command-line arguments (`--name value`). */
export function redisServerArgs(): string[] {
  return Object.entries(REDIS_SERVER_SETTINGS).flatMap(([name, value]) => [`--${name}`, value]);
}
