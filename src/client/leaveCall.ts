import { isOneToOneCall } from '../protocol/isOneToOneCall.js';
import type { Invitation } from '../protocol/types.js';
import type { OperationResult } from '../protocol/wire.js';
import type { SignalingClient } from './SignalingClient.js';

/**
 * Leaves a call I am in ("End call", "End and accept", Hang up in a call view): a one-to-one call
 * ends for both (`end`), a larger one goes on without me (`quit`).
 * @example await leaveCall(client, client.getInvitation(inviteID)!)
 */
export function leaveCall(client: SignalingClient, invitation: Invitation): Promise<OperationResult> {
  return isOneToOneCall(invitation) ? client.end(invitation.inviteID) : client.quit(invitation.inviteID);
}
