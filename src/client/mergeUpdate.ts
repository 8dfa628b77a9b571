import type { Invitation } from '../protocol/types.js';
import type { WireUpdate } from '../protocol/wire.js';

/**
 * Applies a wire update to the mirror's snapshot: a full snapshot replaces it, a delta merges
 * its users. Returns undefined when a delta cannot apply (the mirror is older than its base).
 * @example const next = mergeUpdate(mirror.get(update.invitation.inviteID), update) // undefined: fetch the snapshot
 */
export function mergeUpdate(prev: Invitation | undefined, update: WireUpdate): Invitation | undefined {
  if (update.baseVersion === undefined) return update.invitation;
  if ((prev?.version ?? 0) < update.baseVersion) return undefined;
  const users = new Map(prev?.users.map((u) => [u.userID, u]));
  for (const user of update.invitation.users) users.set(user.userID, user);
  return { ...update.invitation, users: [...users.values()] };
}
