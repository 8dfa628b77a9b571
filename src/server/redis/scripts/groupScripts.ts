/**
 * The Lua scripts of the group directory. Keys: `groups`, `gm:<groupID>`, `gu:<userID>` (see
 * README.md beside this file).
 * @module
 */

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
