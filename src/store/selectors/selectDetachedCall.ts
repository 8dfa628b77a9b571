import { isDetachedCall } from '../../client/isDetachedCall.js';
import type { Invitation } from '../../protocol/types.js';
import type { RingkitState } from '../RingkitState.js';

/**
 * The first call my user is still in on another device that was not connected when this device
 * connected (a crashed tab): the stored snapshot, or undefined. `deviceID` is this device.
 * @example const leftover = selectDetachedCall(store.getState(), store.client.deviceID)
 */
export function selectDetachedCall(state: RingkitState, deviceID: string): Invitation | undefined {
  for (const id of state.detachedCallIDs) {
    const invitation = state.invitations[id];
    if (isDetachedCall(invitation, state.userID, deviceID)) return invitation;
  }
  return undefined;
}
