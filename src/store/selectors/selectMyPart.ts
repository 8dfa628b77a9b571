import type { MyPart, RingkitState } from '../RingkitState.js';

/**
 * My role and state in one invitation, or undefined when the store does not hold it.
 * @example selectMyPart(store.getState(), inviteID)?.role // 'invitee'
 */
export function selectMyPart(state: RingkitState, inviteID: string | null | undefined): MyPart | undefined {
  return inviteID ? state.parts[inviteID] : undefined;
}
