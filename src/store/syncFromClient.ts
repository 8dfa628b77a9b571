import type { SignalingClient } from '../client/SignalingClient.js';
import { replaceSnapshot } from './replaceSnapshot.js';
import type { RingkitState } from './RingkitState.js';
import { withIdentity } from './withIdentity.js';

/**
 * The state of a store that has not seen anything yet.
 * @example const state = syncFromClient(EMPTY_STATE, client)
 */
export const EMPTY_STATE: RingkitState = {
  userID: '',
  connectionState: 'disconnected',
  invitations: {},
  parts: {},
  lastError: null,
  busy: false,
  detachedCallIDs: [],
};

/**
 * Brings a state up to what the client knows right now: its user, connection state and every
 * snapshot in its mirror (version-guarded, so newer snapshots already held are kept).
 * @example const state = syncFromClient(EMPTY_STATE, client)
 */
export function syncFromClient(state: RingkitState, client: SignalingClient): RingkitState {
  let next = withIdentity(state, client.userID);
  for (const invitation of client.getInvitations()) next = replaceSnapshot(next, invitation);
  if (next.connectionState !== client.connectionState) next = { ...next, connectionState: client.connectionState };
  const detachedCallIDs = client.detachedCallIDs;
  if (detachedCallIDs.join() !== next.detachedCallIDs.join()) next = { ...next, detachedCallIDs };
  return next;
}
