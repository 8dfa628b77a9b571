import { isPending, type Invitation } from '../../protocol/types.js';
import { isBusyRejection } from '../../protocol/isBusyRejection.js';

/**
 * Why an invitation stopped ringing on this device. `answeredElsewhere` / `declinedElsewhere`:
 * another device of mine answered; `accepted` / `declined`: this device did (a busy auto-decline
 * counts as `declined`); `callerGone`: the caller vanished before anyone answered.
 * @example const r: RingEndReason = 'answeredElsewhere'
 */
export type RingEndReason =
  | 'accepted'
  | 'declined'
  | 'answeredElsewhere'
  | 'declinedElsewhere'
  | 'busyElsewhere'
  | 'cancelled'
  | 'callerGone'
  | 'timeout';

/**
 * Why `invitation` (its snapshot after it stopped ringing) no longer rings for `self` on
 * `deviceID`; undefined while it still rings. A pure function of the snapshot.
 * @example ringEndReason(store.getState().invitations[id], 'bob', client.deviceID) // 'cancelled'
 */
export function ringEndReason(invitation: Invitation | undefined, self: string, deviceID: string): RingEndReason | undefined {
  const me = invitation?.users.find((u) => u.userID === self);
  if (!invitation || !me) return 'cancelled';
  if (isPending(me.state)) return invitation.state === 'active' ? undefined : 'cancelled';
  const here = me.deviceID === undefined || me.deviceID === deviceID;
  switch (me.state) {
    case 'accepted':
      return here ? 'accepted' : 'answeredElsewhere';
    case 'rejected':
      if (here) return 'declined';
      return isBusyRejection(me) ? 'busyElsewhere' : 'declinedElsewhere';
    case 'timeout':
      return 'timeout';
    case 'cancelled':
      return me.reason === 'callerGone' ? 'callerGone' : 'cancelled';
    default:
      return 'cancelled';
  }
}

/**
 * Whether a ring end is news to the user (something that happened elsewhere), worth announcing;
 * not when this device answered.
 * @example if (isAnnouncedRingEnd(reason)) announce(labels.ended[reason](caller))
 */
export function isAnnouncedRingEnd(reason: RingEndReason): reason is Exclude<RingEndReason, 'accepted' | 'declined'> {
  return reason !== 'accepted' && reason !== 'declined';
}
