import type { Invitation } from '../protocol/types.js';

/**
 * Structural sharing between two snapshots of one invitation: every user whose `version` did not
 * change keeps its previous object, and an unchanged user list keeps its previous array. A
 * component reading one user of a 500-user call then sees a new reference only when that user
 * changes.
 * @example const next = shareUsers(previous, incoming)
 */
export function shareUsers(previous: Invitation | undefined, next: Invitation): Invitation {
  if (!previous) return next;
  const before = new Map(previous.users.map((u) => [u.userID, u]));
  let same = previous.users.length === next.users.length;
  const users = next.users.map((user, index) => {
    const old = before.get(user.userID);
    const kept = old && old.version === user.version && old.state === user.state ? old : user;
    if (kept !== previous.users[index]) same = false;
    return kept;
  });
  return { ...next, users: same ? previous.users : users };
}
