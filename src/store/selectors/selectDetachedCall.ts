import { isDetachedCall } from '../../client/isDetachedCall.js';
import type { Invitation } from '../../protocol/types.js';
import type { RingkitState } from '../RingkitState.js';

/**
 * The first call my user is still in on another device that was not connected when this device
 * connected (a crashed tab): the stored snapshot, or undefined.
 * @example const leftover = selectDetachedCall(store.getState())
 */
export function selectDetachedCall(state: RingkitState): Invitation | undefined {
  return state.detachedCallIDs.map((id) => state.invitations[id]).find((inv) => isDetachedCall(inv, state.userID, state.deviceID));
}

/**
 * Whether one call is still left on a device of mine that is gone (named detached when this
 * device connected, and not continued here since): such a call neither makes me busy nor counts
 * as the call I am in.
 * @example const calls = mine.filter((call) => !selectIsDetached(state, call.inviteID))
 */
export function selectIsDetached(state: RingkitState, inviteID: string): boolean {
  return state.detachedCallIDs.includes(inviteID) && isDetachedCall(state.invitations[inviteID], state.userID, state.deviceID);
}
