/**
 * The Lua scripts that write and page invitations: the atomic commit and a user's list.
 * Keys: `inv:<inviteID>`, `seq`, `uinv:<userID>`, `act:u:<userID>`, `act:g:<groupID>`,
 * `missed:<userID>`, `hist:<conversation key>`, `timers`, `req:<key>` (see README.md beside this file).
 * @module
 */

/**
 * Applies an `InvitationCommit`. ARGV: prefix, inviteID, expectedVersion, version, JSON,
 * ended (1/0), groupID or '', nextTickAt or '', retentionMs, then counted lists of owners
 * (inviter + users), index users and missed users, then a count of history drafts followed by
 * (key, time, JSON) triples, then a count of request outcomes followed by (key, outcome, ttl ms)
 * triples, each stored like `SET NX PX`. Returns 1, or 0 when the version did not match.
 * @example await handle.script(COMMIT_SCRIPT, [], args)
 */
export const COMMIT_SCRIPT = `
local p = ARGV[1]
local id = ARGV[2]
local invKey = p .. 'inv:' .. id
local current = redis.call('HGET', invKey, 'v')
if (current and tonumber(current) or 0) ~= tonumber(ARGV[3]) then return 0 end
local ended = ARGV[6] == '1'
local retention = ARGV[9]
redis.call('HSET', invKey, 'v', ARGV[4], 'j', ARGV[5])
if ended then redis.call('PEXPIRE', invKey, retention) else redis.call('PERSIST', invKey) end

local i = 10
local function list()
  local n = tonumber(ARGV[i])
  local out = {}
  for k = 1, n do out[k] = ARGV[i + k] end
  i = i + n + 1
  return out
end
local owners = list()
local indexUsers = list()
local missed = list()

for _, u in ipairs(indexUsers) do
  local key = p .. 'uinv:' .. u
  if not redis.call('ZSCORE', key, id) then
    redis.call('ZADD', key, redis.call('INCR', p .. 'seq'), id)
    for _, old in ipairs(redis.call('ZRANGE', key, 0, 2)) do
      if old ~= id and redis.call('EXISTS', p .. 'inv:' .. old) == 0 then redis.call('ZREM', key, old) end
    end
  end
end

local op = ended and 'SREM' or 'SADD'
for _, u in ipairs(owners) do redis.call(op, p .. 'act:u:' .. u, id) end
if ARGV[7] ~= '' then redis.call(op, p .. 'act:g:' .. ARGV[7], id) end

local seen = {}
for _, group in ipairs({ owners, indexUsers }) do
  for _, u in ipairs(group) do
    if not seen[u] then
      seen[u] = true
      local key = p .. 'uinv:' .. u
      if redis.call('SCARD', p .. 'act:u:' .. u) == 0 then redis.call('PEXPIRE', key, retention)
      else redis.call('PERSIST', key) end
    end
  end
end

for _, u in ipairs(missed) do
  local key = p .. 'missed:' .. u
  redis.call('SADD', key, id)
  redis.call('PEXPIRE', key, retention)
end

local nh = tonumber(ARGV[i])
i = i + 1
for _ = 1, nh do
  local key = p .. 'hist:' .. ARGV[i]
  local time = ARGV[i + 1]
  local seq = redis.call('INCR', p .. 'seq')
  redis.call('ZADD', key, seq, seq .. '|' .. time .. '|' .. ARGV[i + 2])
  i = i + 3
  local cutoff = tonumber(time) - tonumber(retention)
  for _, old in ipairs(redis.call('ZRANGE', key, 0, 9)) do
    local t = tonumber(string.match(old, '^[^|]*|([^|]*)|'))
    if t and t < cutoff then redis.call('ZREM', key, old) else break end
  end
  redis.call('PEXPIRE', key, retention)
end

local tick = 'tick:' .. id
if ARGV[8] == '' then redis.call('ZREM', p .. 'timers', tick)
else redis.call('ZADD', p .. 'timers', ARGV[8], tick) end

local nr = tonumber(ARGV[i])
i = i + 1
for _ = 1, nr do
  redis.call('SET', p .. 'req:' .. ARGV[i], ARGV[i + 1], 'NX', 'PX', ARGV[i + 2])
  i = i + 3
end
return 1
`;

/**
 * A page of a user's invitations, newest first, skipping (and dropping) entries whose invitation
 * has expired. ARGV: prefix, userID, count, max score ('+inf' or '(<seq>'). Returns up to
 * count + 1 flat (inviteID, seq) pairs.
 * @example await handle.script(LIST_USER_SCRIPT, [], [prefix, 'alice', '20', '+inf'])
 */
export const LIST_USER_SCRIPT = `
local p = ARGV[1]
local key = p .. 'uinv:' .. ARGV[2]
local want = tonumber(ARGV[3]) + 1
local max = ARGV[4]
local out = {}
local found = 0
while found < want do
  local batch = redis.call('ZREVRANGEBYSCORE', key, max, '-inf', 'WITHSCORES', 'LIMIT', 0, want - found)
  if #batch == 0 then break end
  for j = 1, #batch, 2 do
    local id, score = batch[j], batch[j + 1]
    if redis.call('EXISTS', p .. 'inv:' .. id) == 1 then
      out[#out + 1] = id
      out[#out + 1] = score
      found = found + 1
    else
      redis.call('ZREM', key, id)
    end
    max = '(' .. score
  end
end
return out
`;
