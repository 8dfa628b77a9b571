import type { CallUser, Invitation } from '../protocol/types.js';
import { isScanned, shareUserIndex, userIndex, userPosition } from './userIndex.js';

/**
 * Structural sharing between two snapshots of one invitation: every user whose `version` and
 * state did not change keeps its previous object, and an unchanged user list keeps its previous
 * array. A component reading one user of a 500-user call then sees a new reference only when
 * that user changes. `candidates` are the only users that may differ (a delta's users, which
 * `mergeUpdate` already placed among the previous objects); default all.
 * @example const next = shareUsers(previous, incoming)
 */
export function shareUsers(previous: Invitation | undefined, next: Invitation, candidates: readonly CallUser[] = next.users): Invitation {
  if (!previous) return next;
  let users: CallUser[] | undefined; // a copy of next.users, made on the first user kept
  for (const user of candidates) {
    const i = userPosition(previous.users, user.userID);
    const j = userPosition(next.users, user.userID);
    if (i === undefined || j === undefined) continue;
    const old = previous.users[i]!;
    const current = next.users[j]!;
    if (old !== current && old.version === current.version && old.state === current.state) (users ??= next.users.slice())[j] = old;
  }
  const shared = users ?? next.users;
  if (users && !isScanned(users)) shareUserIndex(users, userIndex(next.users));
  const same =
    shared.length === previous.users.length &&
    candidates.every((u) => {
      const j = userPosition(next.users, u.userID)!;
      return shared[j] === previous.users[j];
    });
  return same || shared !== next.users ? { ...next, users: same ? previous.users : shared } : next;
}
