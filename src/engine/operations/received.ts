import type { Actor } from '../actor.js';
import type { Draft } from '../Draft.js';

/**
 * A device acknowledged `invitationReceived`: `inviting`/`notYetReceived` → `received`.
 * Returns false when there is nothing to change (already received, answered or ended).
 */
export function markReceived(draft: Draft, actor: Actor): boolean {
  const user = draft.user(actor.userID);
  if (draft.invitation.state !== 'active' || !user) return false;
  if (user.state !== 'inviting' && user.state !== 'notYetReceived') return false;
  draft.setUser(actor.userID, 'received', { deviceID: actor.deviceID });
  return true;
}
