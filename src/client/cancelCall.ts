import { isPending, type Invitation } from '../protocol/types.js';
import type { CancelResult } from '../protocol/wire.js';
import type { SignalingClient } from './SignalingClient.js';

/**
 * Whether an advanced call still holds only me: I am accepted and nobody else is accepted or
 * pending (advanced mode keeps a call open while anyone is accepted in it).
 */
function holdsOnlyMe(invitation: Invitation | undefined, self: string): invitation is Invitation {
  if (invitation?.state !== 'active' || invitation.mode !== 'advanced') return false;
  const me = invitation.users.find((u) => u.userID === self);
  return me?.state === 'accepted' && invitation.users.every((u) => u.userID === self || !(u.state === 'accepted' || isPending(u.state)));
}

/**
 * Cancels a call I placed that nobody answered yet, from any of my devices: its pending invitees are
 * cancelled, and an advanced call left holding only me is ended too. The device that placed it
 * ends such a call by itself (the store's `watchOrphanedCalls`), but a device that is gone (a
 * crashed tab) would leave it open until the server's grace period runs out, so this ends it here.
 * An `end` that another device beat is ignored; the cancel's own failure is not.
 * @example await cancelCall(client, staleInviteID) // Bob stops ringing, the call is over
 */
export async function cancelCall(client: SignalingClient, inviteID: string, options: { data?: string } = {}): Promise<CancelResult> {
  const data = options.data === undefined ? {} : { data: options.data };
  const result = await client.cancel(inviteID, data);
  const invitation = client.getInvitation(inviteID) ?? result.invitation;
  if (holdsOnlyMe(invitation, client.userID)) await client.end(inviteID, data).catch(() => undefined);
  return result;
}
