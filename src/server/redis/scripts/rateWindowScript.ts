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
