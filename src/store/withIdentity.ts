import { deriveMyPart } from './deriveMyPart.js';
import type { MyPart, RingkitState } from './RingkitState.js';

/**
 * The state for a (possibly new) signed-in user: re-derives my part in every invitation when the
 * userID changed (it is only known for sure once the client has connected). Returns the same
 * state when the user is unchanged.
 * @example const next = withIdentity(state, client.userID)
 */
export function withIdentity(state: RingkitState, userID: string): RingkitState {
  if (state.userID === userID) return state;
  const parts: Record<string, MyPart> = {};
  for (const invitation of Object.values(state.invitations)) parts[invitation.inviteID] = deriveMyPart(invitation, userID);
  return { ...state, userID, parts };
}
