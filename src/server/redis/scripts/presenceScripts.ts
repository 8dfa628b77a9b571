/**
 * The Lua scripts of presence: devices, busy marks, node liveness and the sweep of dead nodes.
 * Keys: `node:<nodeID>`, `dev:<userID>`, `busy:<userID>`, `nodes`, `ndev:<nodeID>` (see README.md
 * beside this file).
 * @module
 */

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
