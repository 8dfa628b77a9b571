import type { Draft } from '../Draft.js';
import { settle } from '../settle.js';

/** Data of a participant the server removed because the device that held their part is gone. */
const GONE_DATA = JSON.stringify({ reason: 'gone' });

/**
 * A user has had no connected device for the grace period (docs/protocol.md section 6): as inviter
 * with nobody accepted yet, every pending invitee → cancelled (`callerGone`); as an accepted
 * participant of an advanced call they leave it (`participantGone`). Returns false when neither
 * applies.
 * @example await tx.mutate(inviteID, null, (draft) => userGone(draft, 'alice'))
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
      settle(draft, 'cancelled', userID, '');
    }
  }
  return participantGone(draft, userID) || changed;
}

/**
 * The device that held a user's part of an advanced call is gone (or `deviceID` is omitted: all of
 * the user's devices are): the user quits with data `{"reason":"gone"}`. A one-to-one call (no
 * group) left with one person and nobody ringing ends (`ended`, by the user who vanished, with the
 * same data), so the other side sees why; a call nobody is left in ends `empty`. Returns false when
 * the user is not accepted in it (on that device). Invitees still ringing when nobody is left in
 * the call are cancelled (`callerGone`): nothing rings for a call nobody is in.
 * @example await tx.mutate(inviteID, null, (draft) => participantGone(draft, 'bob', 'phone'))
 */
export function participantGone(draft: Draft, userID: string, deviceID?: string): boolean {
  const inv = draft.invitation;
  const self = draft.user(userID);
  if (inv.state !== 'active' || inv.mode !== 'advanced' || self?.state !== 'accepted') return false;
  if (deviceID !== undefined && self.deviceID !== deviceID) return false;
  draft.setUser(userID, 'quit', { data: GONE_DATA, reason: 'gone' });
  draft.record({ actionType: 'quit', sender: userID, inviteeList: [userID], data: GONE_DATA });
  const ringing = draft.acceptedCount() === 0 ? draft.pendingUsers().map((u) => u.userID) : [];
  for (const id of ringing) draft.setUser(id, 'cancelled', { reason: 'callerGone' });
  if (ringing.length > 0) draft.record({ actionType: 'cancel', sender: userID, inviteeList: ringing, data: '' });
  if (inv.groupID === undefined && draft.acceptedCount() === 1 && draft.pendingCount() === 0) {
    const others = inv.users.map((u) => u.userID).filter((id) => id !== userID);
    draft.record({ actionType: 'end', sender: userID, inviteeList: others, data: GONE_DATA });
    draft.end('ended', userID, GONE_DATA);
  } else {
    settle(draft, 'empty', userID, GONE_DATA);
  }
  return true;
}
