import type { CallUser } from '../protocol/types.js';

const indexes = new WeakMap<readonly CallUser[], ReadonlyMap<string, number>>();

/**
 * Arrays of at most this many users are scanned instead of indexed: for a 1v1 call a scan is
 * cheaper than building a Map and keeping it in a WeakMap, whose entries every garbage
 * collection has to visit (a client builds a new users array with every update).
 */
const SCANNED = 8;

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
 * Position of a user in a `users` array: scanned in a small array, else through its index.
 * @example const i = userPosition(inv.users, 'bob')
 */
export function userPosition(users: readonly CallUser[], userID: string): number | undefined {
  if (users.length <= SCANNED) {
    for (let i = 0; i < users.length; i++) if (users[i]!.userID === userID) return i;
    return undefined;
  }
  return userIndex(users).get(userID);
}

/**
 * Whether `userPosition` scans this array rather than reading an index (so no index need be kept for it).
 * @example if (!isScanned(users)) shareUserIndex(users, index)
 */
export function isScanned(users: readonly CallUser[]): boolean {
  return users.length <= SCANNED;
}

/**
 * One user of a `users` array, found through its index.
 * @example findUser(inv.users, 'bob')?.state
 */
export function findUser(users: readonly CallUser[], userID: string): CallUser | undefined {
  const i = userPosition(users, userID);
  return i === undefined ? undefined : users[i];
}
