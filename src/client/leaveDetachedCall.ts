import type { Invitation } from '../protocol/types.js';
import type { OperationResult } from '../protocol/wire.js';
import type { SignalingClient } from './SignalingClient.js';

/**
 * Ends my part in a call a device of mine that is gone still held ("End call" on another device):
 * a one-to-one call ends for both (`end`), a group call goes on without me (`quit`).
 * @example await leaveDetachedCall(client, client.getInvitation(client.detachedCallIDs[0]!)!)
 */
export function leaveDetachedCall(client: SignalingClient, invitation: Invitation): Promise<OperationResult> {
  const oneToOne = invitation.groupID === undefined && invitation.users.length <= 2;
  return oneToOne ? client.end(invitation.inviteID) : client.quit(invitation.inviteID);
}
