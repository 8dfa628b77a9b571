import type { Invitation } from '../protocol/types.js';
import type { WireUpdate } from '../protocol/wire.js';

/**
 * Applies a wire update to the mirror's snapshot: a full snapshot replaces it, a delta merges
 * its users. Returns undefined when a delta cannot apply (the mirror is older than its base).
 */
export function mergeUpdate(prev: Invitation | undefined, update: WireUpdate): Invitation | undefined {
  if (update.baseVersion === undefined) return update.invitation;
  if ((prev?.version ?? 0) < update.baseVersion) return undefined;
  const users = [...(prev?.users ?? [])];
  for (const user of update.invitation.users) {
    const index = users.findIndex((u) => u.userID === user.userID);
    if (index === -1) users.push(user);
    else users[index] = user;
  }
  return { ...update.invitation, users };
}
