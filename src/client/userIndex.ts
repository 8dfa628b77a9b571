import type { CallUser } from '../protocol/types.js';

const indexes = new WeakMap<readonly CallUser[], ReadonlyMap<string, number>>();

/**
 * Position of each user in an invitation's `users` array, built once per array and shared with
 * the arrays `mergeUpdate` derives from it, so a mirror of a 1,000-user invitation finds a user
 * without scanning and merges a delta in the time its changed users take.
 * @example const i = userIndex(inv.users).get('bob'); const bob = i === undefined ? undefined : inv.users[i]
 */
export function userIndex(users: readonly CallUser[]): ReadonlyMap<string, number> {
  let index = indexes.get(users);
  if (!index) {
    index = new Map(users.map((u, i) => [u.userID, i]));
    indexes.set(users, index);
  }
  return index;
}

/**
 * Records the index of an array made from another (same positions, maybe more users at the end).
 * @example shareUserIndex(nextUsers, grownIndex)
 */
export function shareUserIndex(users: readonly CallUser[], index: ReadonlyMap<string, number>): void {
  indexes.set(users, index);
}

/**
 * One user of a `users` array, found through its index.
 * @example findUser(inv.users, 'bob')?.state
 */
export function findUser(users: readonly CallUser[], userID: string): CallUser | undefined {
  const i = userIndex(users).get(userID);
  return i === undefined ? undefined : users[i];
}
