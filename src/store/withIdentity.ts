import { deriveMyPart } from './deriveMyPart.js';
import type { MyPart, RingkitState } from './RingkitState.js';

/**
 * The state for a (possibly new) signed-in user and device: re-derives my part in every
 * invitation when the userID changed (both are only known for sure once the client has
 * connected). Returns the same state when neither changed.
 * @example const next = withIdentity(state, client.userID, client.deviceID)
 */
export function withIdentity(state: RingkitState, userID: string, deviceID: string): RingkitState {
  if (state.userID === userID) return state.deviceID === deviceID ? state : { ...state, deviceID };
  const parts: Record<string, MyPart> = {};
  for (const invitation of Object.values(state.invitations)) parts[invitation.inviteID] = deriveMyPart(invitation, userID);
  return { ...state, userID, deviceID, parts };
}
