import type { CallUser, Invitation } from '../protocol/types.js';
import type { WireUpdate } from '../protocol/wire.js';
import { isScanned, shareUserIndex, userIndex, userPosition } from './userIndex.js';

/**
 * Applies a wire update to the mirror's snapshot: a full snapshot replaces it, a delta merges
 * its users (in the time the delta's users take, not the invitation's size; users keep their
 * positions, new ones are appended). Returns undefined when a delta cannot apply (the mirror is
 * older than its base).
 * @example const next = mergeUpdate(mirror.get(update.invitation.inviteID), update) // undefined: fetch the snapshot
 */
export function mergeUpdate(prev: Invitation | undefined, update: WireUpdate): Invitation | undefined {
  if (update.baseVersion === undefined) return update.invitation;
  if ((prev?.version ?? 0) < update.baseVersion) return undefined;
  const before: readonly CallUser[] = prev?.users ?? [];
  if (isScanned(before) && isScanned(update.invitation.users)) {
    // A small call (a 1v1 one): scanned, no index built or kept.
    const users = before.slice();
    for (const user of update.invitation.users) {
      const i = userPosition(users, user.userID);
      if (i !== undefined) users[i] = user;
      else users.push(user);
    }
    return { ...update.invitation, users };
  }
  const index = userIndex(before);
  const users = before.slice();
  let grown: Map<string, number> | undefined;
  for (const user of update.invitation.users) {
    const i = (grown ?? index).get(user.userID);
    if (i !== undefined) users[i] = user;
    else (grown ??= new Map(index)).set(user.userID, users.push(user) - 1);
  }
  shareUserIndex(users, grown ?? index);
  return { ...update.invitation, users };
}
