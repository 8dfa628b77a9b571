import type { Invitation } from '../../protocol/types.js';
import type { RingkitState } from '../RingkitState.js';

/**
 * The stored snapshot of one invitation (a stable reference until it changes).
 * @example const invitation = selectInvitation(store.getState(), inviteID)
 */
export function selectInvitation(state: RingkitState, inviteID: string | null | undefined): Invitation | undefined {
  return inviteID ? state.invitations[inviteID] : undefined;
}
