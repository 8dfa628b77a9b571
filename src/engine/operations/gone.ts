import type { Draft } from '../Draft.js';
import { settle } from '../settle.js';

/** Data of a participant the server removed because all their devices were gone. */
export const GONE_DATA = JSON.stringify({ reason: 'gone' });

/**
 * A user has had no connected device for the grace period (docs/protocol.md section 6): as inviter
 * with nobody accepted yet, every pending invitee → cancelled (`callerGone`); as an accepted
 * participant of an advanced call → quit with data `{"reason":"gone"}`. Returns false when
 * neither applies.
 */
export function userGone(draft: Draft, userID: string): boolean {
  const inv = draft.invitation;
  if (inv.state !== 'active') return false;
  let changed = false;
  const anyInviteeAccepted = inv.users.some((u) => u.userID !== inv.inviter && u.state === 'accepted');
  if (inv.inviter === userID && !anyInviteeAccepted) {
    const pending = draft.pendingUsers().map((u) => u.userID);
    for (const id of pending) draft.setUser(id, 'cancelled', { reason: 'callerGone' });
    if (pending.length > 0) {
      draft.record({ actionType: 'cancel', sender: userID, inviteeList: pending, data: '' });
      changed = true;
    }
  }
  const self = draft.user(userID);
  if (inv.mode === 'advanced' && self?.state === 'accepted') {
    draft.setUser(userID, 'quit', { data: GONE_DATA, reason: 'gone' });
    draft.record({ actionType: 'quit', sender: userID, inviteeList: [userID], data: GONE_DATA });
    changed = true;
  }
  if (changed) settle(draft, 'cancelled', userID, '');
  return changed;
}
