/**
 * The Lua scripts behind the Redis storage and group directory. Each runs atomically in Redis.
 * Key layout (all under the storage's key prefix `P`):
 * - `P inv:<inviteID>` hash `{ v: version, j: invitation JSON }`
 * - `P seq` global counter for user-index and history order
 * - `P uinv:<userID>` zset inviteID → seq (the user's invitations)
 * - `P act:u:<userID>`, `P act:g:<groupID>` sets of active inviteIDs
 * - `P missed:<userID>` set of inviteIDs
 * - `P hist:<conversation key>` zset `seq|time|draft JSON` → seq
 * - `P timers` zset timer key → due time (ms)
 * - `P req:<key>` request outcome string (SET NX PX)
 * - `P node:<nodeID>` liveness key of a server node (PX presence TTL)
 * - `P dev:<userID>` hash connection key (`<deviceID>\0<connectionID>`, see `presenceKey`) → nodeID
 * - `P busy:<userID>` set of the user's connectionIDs the app marked busy (they count only while
 *   the device is live)
 * - `P nodes` set of nodeIDs that registered devices; `P ndev:<nodeID>` set of userIDs with a
 *   device on that node (for `sweepDeadNodes` after the node dies)
 * - `P groups` set of groupIDs; `P gm:<groupID>` members; `P gu:<userID>` groups of a user
 *
 * The scripts compute key names from the prefix, so they need a single Redis primary (standalone
 * or Sentinel), not Redis Cluster.
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

/**
 * Claims due timers: KEYS[1] the timer zset; ARGV: now, new score (now + lease), limit.
 * @example await handle.script(CLAIM_TIMERS_SCRIPT, [timersKey], ['1000', '31000', '100'])
 */
export const CLAIM_TIMERS_SCRIPT = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, key in ipairs(due) do redis.call('ZADD', KEYS[1], ARGV[2], key) end
return due
`;

/** Lua helper shared by the presence scripts: counts a user's devices on live nodes. */
const LIVE_DEVICES = `
local p = ARGV[1]
local alive = {}
local function liveFields(key)
  local h = redis.call('HGETALL', key)
  local fields = {}
  for j = 1, #h, 2 do
    local node = h[j + 1]
    if alive[node] == nil then alive[node] = redis.call('EXISTS', p .. 'node:' .. node) == 1 end
    if alive[node] then fields[#fields + 1] = h[j] else redis.call('HDEL', key, h[j]) end
  end
  return fields
end
local function live(key) return #liveFields(key) end
`;

/**
 * The connection keys of a user's live devices. ARGV: prefix, userID.
 * @example await handle.script(LIVE_CONNECTIONS_SCRIPT, [], [prefix, 'bob']) // ['phone\u0000c1']
 */
export const LIVE_CONNECTIONS_SCRIPT = `${LIVE_DEVICES}
return liveFields(p .. 'dev:' .. ARGV[2])
`;

/**
 * Adds, removes or counts a device. ARGV: prefix, op ('add' | 'remove' | 'count'), userID,
 * connectionID, nodeID, presence TTL ms. Returns { live device count, 1 when this node's
 * liveness key had lapsed (its devices must be re-registered) else 0 }. Keeps `nodes` and
 * `ndev:<nodeID>` (the user is listed there while it has a device on the node).
 * @example await handle.script(DEVICE_SCRIPT, [], [prefix, 'add', 'bob', 'c1', node, '15000'])
 */
export const DEVICE_SCRIPT = `${LIVE_DEVICES}
local key = p .. 'dev:' .. ARGV[3]
local node = ARGV[5]
local lapsed = 0
if ARGV[2] == 'add' then
  if not redis.call('SET', p .. 'node:' .. node, '1', 'PX', ARGV[6], 'GET') then lapsed = 1 end
  redis.call('HSET', key, ARGV[4], node)
  redis.call('SADD', p .. 'nodes', node)
  redis.call('SADD', p .. 'ndev:' .. node, ARGV[3])
elseif ARGV[2] == 'remove' then
  redis.call('HDEL', key, ARGV[4])
  redis.call('SREM', p .. 'busy:' .. ARGV[3], ARGV[4])
  local h = redis.call('HGETALL', key)
  local still = false
  for j = 2, #h, 2 do if h[j] == node then still = true end end
  if not still then redis.call('SREM', p .. 'ndev:' .. node, ARGV[3]) end
end
return { live(key), lapsed }
`;

/**
 * The app-set busy mark of a device. ARGV: prefix, op ('set' | 'clear' | 'check'), userID,
 * connectionID ('' for check). 'set' marks only a registered device; 'check' returns 1 when a
 * live device of the user is marked, dropping marks of devices that are gone.
 * @example await handle.script(BUSY_SCRIPT, [], [prefix, 'check', 'bob', ''])
 */
export const BUSY_SCRIPT = `
local p = ARGV[1]
local key = p .. 'busy:' .. ARGV[3]
local devices = p .. 'dev:' .. ARGV[3]
if ARGV[2] == 'set' then
  if redis.call('HEXISTS', devices, ARGV[4]) == 1 then redis.call('SADD', key, ARGV[4]) end
  return 0
elseif ARGV[2] == 'clear' then
  redis.call('SREM', key, ARGV[4])
  return 0
end
for _, conn in ipairs(redis.call('SMEMBERS', key)) do
  local node = redis.call('HGET', devices, conn)
  if not node then redis.call('SREM', key, conn)
  elseif redis.call('EXISTS', p .. 'node:' .. node) == 1 then return 1 end
end
return 0
`;

/**
 * Which users have a live device. ARGV: prefix, userIDs… Returns 1/0 per user.
 * @example await handle.script(ONLINE_SCRIPT, [], [prefix, 'bob', 'carol'])
 */
export const ONLINE_SCRIPT = `${LIVE_DEVICES}
local out = {}
for k = 2, #ARGV do out[k - 1] = live(p .. 'dev:' .. ARGV[k]) > 0 and 1 or 0 end
return out
`;

/**
 * Refreshes a node's liveness key. ARGV: prefix, nodeID, TTL ms, force (1/0), then
 * (userID, connectionID) pairs of the node's devices, re-registered when the key had lapsed or
 * `force` is 1. Returns 1 when it re-registered.
 * @example await handle.script(HEARTBEAT_SCRIPT, [], [prefix, node, '15000', '0', 'bob', 'c1'])
 */
export const HEARTBEAT_SCRIPT = `
local p = ARGV[1]
local existed = redis.call('SET', p .. 'node:' .. ARGV[2], '1', 'PX', ARGV[3], 'GET')
redis.call('SADD', p .. 'nodes', ARGV[2])
if existed and ARGV[4] ~= '1' then return 0 end
for k = 5, #ARGV - 1, 2 do
  redis.call('HSET', p .. 'dev:' .. ARGV[k], ARGV[k + 1], ARGV[2])
  redis.call('SADD', p .. 'ndev:' .. ARGV[2], ARGV[k])
end
return 1
`;

/**
 * Forgets dead nodes: for every node in `nodes` whose liveness key is gone, drops its devices
 * and returns its users (each once, and only to the one caller that swept the node) in two
 * lists: those left with no live device, and those still online elsewhere. ARGV: prefix.
 * @example await handle.script(SWEEP_NODES_SCRIPT, [], [prefix]) // [['bob'], ['carol']]
 */
export const SWEEP_NODES_SCRIPT = `${LIVE_DEVICES}
local offline = {}
local online = {}
local reported = {}
for _, node in ipairs(redis.call('SMEMBERS', p .. 'nodes')) do
  if redis.call('EXISTS', p .. 'node:' .. node) == 0 then
    local ndev = p .. 'ndev:' .. node
    for _, u in ipairs(redis.call('SMEMBERS', ndev)) do
      if not reported[u] then
        reported[u] = true
        if live(p .. 'dev:' .. u) == 0 then offline[#offline + 1] = u else online[#online + 1] = u end
      end
    end
    redis.call('DEL', ndev)
    redis.call('SREM', p .. 'nodes', node)
  end
end
return { offline, online }
`;

/**
 * Deletes a timer only while it still has the given due time (a newer `setTimer` wins).
 * KEYS[1] the timer zset; ARGV: timer key, due time.
 * @example await handle.script(CLEAR_TIMER_IF_SCRIPT, [timersKey], ['gone:bob', '31000'])
 */
export const CLEAR_TIMER_IF_SCRIPT = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) == tonumber(ARGV[2]) then return redis.call('ZREM', KEYS[1], ARGV[1]) end
return 0
`;

/**
 * Moves a timer only while it still has the given due time (a newer `setTimer` wins).
 * KEYS[1] the timer zset; ARGV: timer key, new due time, expected due time.
 * @example await handle.script(SET_TIMER_IF_SCRIPT, [timersKey], ['tick:i1', '45000', '31000'])
 */
export const SET_TIMER_IF_SCRIPT = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) == tonumber(ARGV[3]) then return redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1]) end
return 0
`;

/**
 * Group directory writes. ARGV: prefix, op ('create' | 'add' | 'remove' | 'delete'), groupID,
 * members… ('add' to a missing group does nothing).
 * @example await handle.script(GROUP_WRITE_SCRIPT, [], [prefix, 'create', 'class-1', 'teacher'])
 */
export const GROUP_WRITE_SCRIPT = `
local p = ARGV[1]
local op = ARGV[2]
local g = ARGV[3]
local mkey = p .. 'gm:' .. g
if op == 'create' then redis.call('SADD', p .. 'groups', g) end
if op == 'delete' then
  for _, u in ipairs(redis.call('SMEMBERS', mkey)) do redis.call('SREM', p .. 'gu:' .. u, g) end
  redis.call('DEL', mkey)
  redis.call('SREM', p .. 'groups', g)
  return 1
end
local exists = redis.call('SISMEMBER', p .. 'groups', g) == 1
for k = 4, #ARGV do
  local u = ARGV[k]
  if op == 'remove' then
    redis.call('SREM', mkey, u)
    redis.call('SREM', p .. 'gu:' .. u, g)
  elseif exists then
    redis.call('SADD', mkey, u)
    redis.call('SADD', p .. 'gu:' .. u, g)
  end
end
return 1
`;

/**
 * Members of a group. ARGV: prefix, groupID. Returns {} for a missing group, else { '1', members… }.
 * @example await handle.script(GROUP_MEMBERS_SCRIPT, [], [prefix, 'class-1'])
 */
export const GROUP_MEMBERS_SCRIPT = `
local p = ARGV[1]
if redis.call('SISMEMBER', p .. 'groups', ARGV[2]) == 0 then return {} end
local out = { '1' }
for _, u in ipairs(redis.call('SMEMBERS', p .. 'gm:' .. ARGV[2])) do out[#out + 1] = u end
return out
`;

/**
 * Counts a request of cost ARGV[1] in a one-second window key and returns the count (the key
 * lives 2 s). KEYS[1] the window key.
 * @example const count = await handle.script(RATE_WINDOW_SCRIPT, [`${prefix}rate:alice:1700000000`], ['1'])
 */
export const RATE_WINDOW_SCRIPT = `
local cost = tonumber(ARGV[1])
local n = redis.call('INCRBY', KEYS[1], cost)
if n == cost then redis.call('PEXPIRE', KEYS[1], 2000) end
return n
`;

/**
 * Stores a device's push subscription in the user's hash (field = endpoint, value = JSON with
 * `deviceID` and `updatedAt`): drops the device's other entries, then the least recently stored
 * beyond the cap. KEYS[1] the user's hash; ARGV: endpoint, entry JSON, deviceID, max.
 * @example await handle.script(PUT_PUSH_SUBSCRIPTION_SCRIPT, [`${prefix}push:bob`], [endpoint, json, 'laptop', '10'])
 */
export const PUT_PUSH_SUBSCRIPTION_SCRIPT = `
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  if all[i] ~= ARGV[1] and cjson.decode(all[i + 1]).deviceID == ARGV[3] then redis.call('HDEL', KEYS[1], all[i]) end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
local max = tonumber(ARGV[4])
while redis.call('HLEN', KEYS[1]) > max do
  local rest = redis.call('HGETALL', KEYS[1])
  local oldest, at = nil, nil
  for i = 1, #rest, 2 do
    local t = cjson.decode(rest[i + 1]).updatedAt
    if rest[i] ~= ARGV[1] and (at == nil or t < at) then oldest, at = rest[i], t end
  end
  if oldest == nil then break end
  redis.call('HDEL', KEYS[1], oldest)
end
return 1
`;

/**
 * Forgets the push subscriptions of one device. KEYS[1] the user's hash; ARGV: deviceID.
 * Returns how many went.
 * @example await handle.script(REMOVE_DEVICE_PUSH_SCRIPT, [`${prefix}push:bob`], ['laptop'])
 */
export const REMOVE_DEVICE_PUSH_SCRIPT = `
local all = redis.call('HGETALL', KEYS[1])
local n = 0
for i = 1, #all, 2 do
  if cjson.decode(all[i + 1]).deviceID == ARGV[1] then n = n + redis.call('HDEL', KEYS[1], all[i]) end
end
return n
`;
