/**
 * Writes a whole batch in one script call (layout: `BatchWrite` in src/core/writePlan.ts). The
 * call is atomic, so each record's write is too (docs/contracts.md section 3): a reader never sees
 * `latest` ahead of the history entry, nor a change in `changes` ahead of the Signal.
 *
 * Per Signal, in this order (the outcomes of src/core/outcomes.ts):
 * - "stale" when it is older than the symbol's newest observation minus the retention: nothing
 *   is written, even when a copy of it has not expired yet (so replaying old fixtures gives the
 *   same answer on any day, whatever an earlier replay left);
 * - "duplicate" when its observation is stored with the same content (compact, or in the full
 *   form stored before history was compact): nothing changes, not even TTLs; except a new fetch
 *   of the newest observation (same quote, another `ingestedAt`), which refreshes `latest`'s
 *   per-delivery fields and the key's TTL, as each scheduled fetch of a closed market's quote does;
 * - "updated" when its observation is stored with other content (a correction): replaced;
 * - else "stored". A write that becomes the newest replaces `latest` and, when the signal or the
 *   category differs from the one replaced, appends to the changes stream.
 * A poison record is pushed onto the rejected list: "rejected". Each record runs under pcall, so
 * one that fails (a key of the wrong type) comes back as "failed:<error>" and the others still
 * count. The batch's outcomes go to the outcomes stream in one entry (sequence number, outcome),
 * which `replay --wait` reads. Per symbol, the history's newest score is read once, the symbol
 * added once and the history trimmed once, to the horizon of its newest observation: the same
 * end state as trimming on every write, as the horizon only moves forward.
 */
export const STORE_BATCH_LUA = `
local retention = ARGV[1]
local retentionMs = tonumber(retention) * 1000
local newestOf, written, results, outcomes = {}, {}, {}, {}
local rejectedAny = false

local function newestIn(history)
  local known = newestOf[history]
  if known == nil then
    local top = redis.call('ZRANGE', history, 0, 0, 'REV', 'WITHSCORES')
    known = top[2] and tonumber(top[2]) or false
    newestOf[history] = known
  end
  return known
end

local function storeSignal(k, a)
  local key, latestKey, history = KEYS[k], KEYS[k + 1], KEYS[k + 2]
  local observed = tonumber(ARGV[a + 3])
  local symbol, prefix, compact = ARGV[a + 4], ARGV[a + 5], ARGV[a + 6]
  local top = newestIn(history)
  local newest = observed
  if top and top > newest then newest = top end
  if observed < newest - retentionMs then return 'stale' end
  local outcome = 'stored'
  local existing = redis.call('GET', key)
  if existing then
    if existing == compact or string.sub(existing, 1, #prefix) == prefix then
      if top ~= observed then return 'duplicate' end
      local latest = redis.call('GET', latestKey)
      if latest and string.sub(latest, 1, #prefix) == prefix then return 'duplicate' end
      outcome = 'duplicate'
    else
      outcome = 'updated'
    end
  end
  redis.call('SET', key, compact, 'EX', retention)
  redis.call('ZADD', history, observed, ARGV[a + 3])
  newestOf[history] = newest
  if not written[history] then
    written[history] = symbol
    redis.call('SADD', KEYS[1], symbol)
  end
  if observed >= newest then
    local previous = redis.call('SET', latestKey, ARGV[a + 2], 'GET')
    if previous then
      local from = string.match(previous, '"signal":"([^"]*)"')
      local fromCategory = string.match(previous, '"category":"([^"]*)"')
      if from and fromCategory and (from ~= ARGV[a + 7] or fromCategory ~= ARGV[a + 8]) then
        redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'symbol', symbol, 'observedAt', ARGV[a + 10],
          'from', from, 'to', ARGV[a + 7], 'fromCategory', fromCategory, 'toCategory', ARGV[a + 8], 'peRatio', ARGV[a + 9])
      end
    end
  end
  return outcome
end

local function pushRejected(a)
  redis.call('LPUSH', KEYS[3], ARGV[a + 2])
  rejectedAny = true
  return 'rejected'
end

local function errorText(err)
  if type(err) == 'table' then return tostring(err.err) end
  return tostring(err)
end

local k, a = 5, 5
while a <= #ARGV do
  local sequenceNumber = ARGV[a + 1]
  local ok, outcome
  if ARGV[a] == 's' then
    ok, outcome = pcall(storeSignal, k, a)
    k, a = k + 3, a + 11
  else
    ok, outcome = pcall(pushRejected, a)
    a = a + 3
  end
  if ok then
    outcomes[#outcomes + 1] = sequenceNumber
    outcomes[#outcomes + 1] = outcome
    results[#results + 1] = outcome
  else
    results[#results + 1] = 'failed:' .. errorText(outcome)
  end
end
for history in pairs(written) do
  redis.call('ZREMRANGEBYSCORE', history, '-inf', '(' .. (newestOf[history] - retentionMs))
end
if rejectedAny then redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[3]) - 1) end
if #outcomes > 0 then
  redis.call('XADD', KEYS[4], 'MINID', '~', ARGV[4], '*', unpack(outcomes))
end
return results
`;
