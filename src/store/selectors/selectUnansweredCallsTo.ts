import { isPending, type Invitation, type InvitationMode } from '../../protocol/types.js';
import type { RingkitState } from '../RingkitState.js';

/**
 * My invitations (placed from any of my devices) still ringing for `userID` alone: active, no
 * group, `userID` the one invitee and still pending, of `mode` when given; oldest first. These are
 * what a new call to the same person replaces (`inviteReplacingEarlier`).
 * @example const stale = selectUnansweredCallsTo(store.getState(), 'bob', 'advanced')
 */
export function selectUnansweredCallsTo(state: RingkitState, userID: string, mode?: InvitationMode): Invitation[] {
  const self = state.userID;
  return Object.values(state.invitations)
    .filter((i) => {
      if (i.state !== 'active' || i.inviter !== self || i.groupID !== undefined || (mode !== undefined && i.mode !== mode)) return false;
      const invitees = i.users.filter((u) => u.userID !== self);
      return invitees.length === 1 && invitees[0]!.userID === userID && isPending(invitees[0]!.state);
    })
    .sort((a, b) => a.createTime - b.createTime);
}
