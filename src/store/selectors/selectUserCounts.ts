import { CALL_USER_STATES, type CallUser, type CallUserState } from '../../protocol/types.js';

const cache = new WeakMap<readonly CallUser[], Readonly<Record<CallUserState, number>>>();

/**
 * How many users are in each state (every state present, zero when none); the same object for
 * the same user list.
 * @example selectUserCounts(invitation.users).accepted
 */
export function selectUserCounts(users: readonly CallUser[]): Readonly<Record<CallUserState, number>> {
  let counts = cache.get(users);
  if (!counts) {
    const tally = Object.fromEntries(CALL_USER_STATES.map((s) => [s, 0])) as Record<CallUserState, number>;
    for (const user of users) tally[user.state]++;
    cache.set(users, (counts = tally));
  }
  return counts;
}
