import type { SignalingClient } from '../client/SignalingClient.js';
import type { RingkitState } from './RingkitState.js';
import { withIdentity } from './withIdentity.js';
import { withSnapshot } from './withSnapshot.js';

/**
 * The state of a store that has not seen anything yet.
 * @example const state = syncFromClient(EMPTY_STATE, client)
 */
export const EMPTY_STATE: RingkitState = {
  userID: '',
  deviceID: '',
  connectionState: 'disconnected',
  invitations: {},
  parts: {},
  lastError: null,
  busy: false,
  detachedCallIDs: [],
};

/**
 * Brings a state up to what the client knows right now: its user, connection state and its
 * snapshot record (`client.getSnapshot()`, held as is: the one copy of every invitation).
 * @example const state = syncFromClient(EMPTY_STATE, client)
 */
export function syncFromClient(state: RingkitState, client: SignalingClient): RingkitState {
  let next = withSnapshot(withIdentity(state, client.userID, client.deviceID), client.getSnapshot());
  if (next.connectionState !== client.connectionState) next = { ...next, connectionState: client.connectionState };
  const detachedCallIDs = client.detachedCallIDs;
  if (detachedCallIDs.join() !== next.detachedCallIDs.join()) next = { ...next, detachedCallIDs };
  return next;
}
