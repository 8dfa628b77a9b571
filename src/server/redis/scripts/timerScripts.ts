/**
 * The Lua scripts of the shared timer set `timers` (timer key → due time in ms): claim due timers,
 * and clear or move one only while nobody has moved it since (see README.md beside this file).
 * @module
 */

/**
 * Claims due timers: KEYS[1] the timer zset; ARGV: now, new score (now + lease), limit.
 * @example await handle.script(CLAIM_TIMERS_SCRIPT, [timersKey], ['1000', '31000', '100'])
 */
export const CLAIM_TIMERS_SCRIPT = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, key in ipairs(due) do redis.call('ZADD', KEYS[1], ARGV[2], key) end
return due
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
