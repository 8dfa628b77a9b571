/**
 * The Lua scripts of stored Web Push subscriptions, one hash `push:<userID>` per user (see
 * README.md beside this file).
 * @module
 */

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
