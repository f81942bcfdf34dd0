/**
 * Writes one Signal atomically (CONTRACTS section 3). Runs inside Redis, so a reader never sees
 * `latest` ahead of the history entry.
 *
 * KEYS: pe_ratio key, latest key, pe_history key, symbols key.
 * ARGV: Signal JSON, observedAtMs, retention seconds, symbol, Signal JSON before its per-delivery fields.
 *
 * Returns "duplicate" when this observation is already stored with the same content (a replay:
 * nothing changes, not even TTLs), "stale" when it is older than the symbol's newest observation
 * minus the retention (it would be trimmed at once), "latest" when it became the latest Signal,
 * else "stored".
 */
export const STORE_SIGNAL_LUA = `
local observed = tonumber(ARGV[2])
local retentionMs = tonumber(ARGV[3]) * 1000
local existing = redis.call('GET', KEYS[1])
if existing and string.sub(existing, 1, #ARGV[5]) == ARGV[5] then
  return 'duplicate'
end
local newest = observed
local top = redis.call('ZRANGE', KEYS[3], 0, 0, 'REV', 'WITHSCORES')
if top[2] and tonumber(top[2]) > newest then
  newest = tonumber(top[2])
end
local horizon = newest - retentionMs
if observed < horizon then
  return 'stale'
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
redis.call('ZADD', KEYS[3], observed, ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. horizon)
redis.call('SADD', KEYS[4], ARGV[4])
if observed >= newest then
  redis.call('SET', KEYS[2], ARGV[1])
  return 'latest'
end
return 'stored'
`;

/** Quarantines one record: newest first, capped. KEYS: rejected. ARGV: entry JSON, cap. */
export const PUSH_REJECTED_LUA = `
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
return 1
`;
