import type { Invitation } from '../protocol/types.js';

/**
 * Whether `userID` is in the call `invitation` on the device `deviceID`, as the media see it:
 * `yes` (accepted here, or the inviter of an advanced call), `not yet` (still ringing, or the
 * invitation is not known yet) or `no` (never, or no longer — the call ended, I left, another
 * device took the call, or the other side of a one-to-one call is gone).
 * @example if (inCallHere(client.getInvitation(id), client.userID, client.deviceID) === 'no') media.close()
 */
export function inCallHere(invitation: Invitation | undefined, userID: string, deviceID: string): 'yes' | 'not yet' | 'no' {
  if (!invitation) return 'not yet';
  if (invitation.state !== 'active') return 'no';
  const me = invitation.users.find((u) => u.userID === userID);
  if (!me) return invitation.inviter === userID && invitation.mode === 'advanced' ? 'yes' : 'no';
  if (me.state === 'accepted') {
    if (me.deviceID !== undefined && me.deviceID !== deviceID) return 'no';
    // A one-to-one call whose other side is over (declined, timed out, cancelled, left) is over
    // for the media too, though the invitation stays open until someone ends it.
    const others = invitation.users.filter((u) => u.userID !== userID);
    const oneToOne = invitation.groupID === undefined && others.length <= 1;
    const otherStillThere = others.some((u) => u.state === 'accepted' || u.state === 'inviting' || u.state === 'received' || u.state === 'notYetReceived');
    return oneToOne && others.length === 1 && !otherStillThere ? 'no' : 'yes';
  }
  return me.state === 'inviting' || me.state === 'received' || me.state === 'notYetReceived' ? 'not yet' : 'no';
}
