/**
 * Writes one Signal atomically (CONTRACTS section 3). Runs inside Redis, so a reader never sees
 * `latest` ahead of the history entry, nor a change in `changes` ahead of the Signal.
 *
 * KEYS: pe_ratio key, latest key, pe_history key, symbols key, changes stream.
 * ARGV: as `SignalWrite.args` (src/core/writePlan.ts): full JSON, observedAtMs, retention
 * seconds, symbol, full JSON before its per-delivery fields, compact JSON, signal, category,
 * peRatio, observedAt, changes cap.
 *
 * Returns "duplicate" when this observation is already stored with the same content, compact or
 * in the full form stored before history was compact (a replay: nothing changes, not even TTLs);
 * a new fetch of the newest observation (same quote, another `ingestedAt`) is no replay: it
 * refreshes `latest`, as each scheduled fetch of a closed market's unchanged quote does,
 * "stale" when it is older than the symbol's newest observation minus the retention (it would be
 * trimmed at once), "latest" when it became the latest Signal, else "stored". A new latest whose
 * signal or category differs from the one it replaces appends an entry to the changes stream.
 */
export const STORE_SIGNAL_LUA = `
local observed = tonumber(ARGV[2])
local retentionMs = tonumber(ARGV[3]) * 1000
local existing = redis.call('GET', KEYS[1])
local top = redis.call('ZRANGE', KEYS[3], 0, 0, 'REV', 'WITHSCORES')
if existing and (existing == ARGV[6] or string.sub(existing, 1, #ARGV[5]) == ARGV[5]) then
  if not (top[2] and tonumber(top[2]) == observed) then
    return 'duplicate'
  end
  local latest = redis.call('GET', KEYS[2])
  if latest and string.sub(latest, 1, #ARGV[5]) == ARGV[5] then
    return 'duplicate'
  end
end
local newest = observed
if top[2] and tonumber(top[2]) > newest then
  newest = tonumber(top[2])
end
local horizon = newest - retentionMs
if observed < horizon then
  return 'stale'
end
redis.call('SET', KEYS[1], ARGV[6], 'EX', ARGV[3])
redis.call('ZADD', KEYS[3], observed, ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. horizon)
redis.call('SADD', KEYS[4], ARGV[4])
if observed >= newest then
  local previous = redis.call('SET', KEYS[2], ARGV[1], 'GET')
  if previous then
    local from = string.match(previous, '"signal":"([^"]*)"')
    local fromCategory = string.match(previous, '"category":"([^"]*)"')
    if from and fromCategory and (from ~= ARGV[7] or fromCategory ~= ARGV[8]) then
      redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[11], '*', 'symbol', ARGV[4], 'observedAt', ARGV[10],
        'from', from, 'to', ARGV[7], 'fromCategory', fromCategory, 'toCategory', ARGV[8], 'peRatio', ARGV[9])
    end
  end
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
