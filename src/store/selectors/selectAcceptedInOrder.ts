import type { CallUser } from '../../protocol/types.js';

const cache = new WeakMap<readonly CallUser[], readonly CallUser[]>();

/**
 * The users who accepted, in the order they did (by `updateTime`, then by the invitation version
 * of their change: answers applied in one commit share a time, then userID); the same array for
 * the same user list. In a raise-hand round these are the raised hands.
 * @example const hands = selectAcceptedInOrder(round.users).map((u) => u.userID)
 */
export function selectAcceptedInOrder(users: readonly CallUser[]): readonly CallUser[] {
  let accepted = cache.get(users);
  if (!accepted) {
    accepted = users
      .filter((u) => u.state === 'accepted')
      .sort((a, b) => a.updateTime - b.updateTime || a.version - b.version || (a.userID < b.userID ? -1 : 1));
    cache.set(users, accepted);
  }
  return accepted;
}
