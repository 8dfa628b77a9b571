import type { ClientEventMap } from '../protocol/events.js';
import { replaceSnapshot } from './replaceSnapshot.js';
import type { RingkitState } from './RingkitState.js';
import { toErrorInfo } from './toErrorInfo.js';

/**
 * One pure reducer per client event. Typed over every event name, so a new protocol event is a
 * build error until the store decides what it means (STYLE.md pattern 1).
 * @example const next = ringkitEventTable.invitationUpdated(state, event)
 */
export type RingkitEventTable = {
  [K in keyof ClientEventMap]: (state: RingkitState, payload: ClientEventMap[K]) => RingkitState;
};

/**
 * Events whose change is already in the store: the client emits `invitationUpdated` with the full
 * snapshot first, at the same version, so the granular event that follows adds nothing. Keeping
 * the snapshot as the single source means a merged or replayed burst cannot leave a half-applied
 * invitation behind.
 */
const coveredBySnapshot = (state: RingkitState): RingkitState => state;

/**
 * The store's reducer: snapshots go through the version guard, connection changes set the
 * connection state and the last error.
 * @example
 * let state = initialState
 * state = ringkitEventTable.invitationReceived(state, event)
 */
export const ringkitEventTable: RingkitEventTable = {
  invitationCreated: (state, e) => replaceSnapshot(state, e.invitation),
  invitationReceived: (state, e) => replaceSnapshot(state, e.invitation),
  invitationUpdated: (state, e) => replaceSnapshot(state, e.invitation),
  inviteeAccepted: coveredBySnapshot,
  inviteeRejected: coveredBySnapshot,
  invitationCancelled: coveredBySnapshot,
  invitationTimeout: coveredBySnapshot,
  invitationModified: coveredBySnapshot,
  callUserStateChanged: coveredBySnapshot,
  invitationEnded: coveredBySnapshot,
  // Media signals are relayed messages for a peer connection, not state: the store keeps none.
  mediaSignal: (state) => state,
  connectionStateChanged: (state, e) => {
    const detachedCallIDs = e.detachedCallIDs ?? state.detachedCallIDs;
    if (state.connectionState === e.state && !e.error && detachedCallIDs === state.detachedCallIDs) return state;
    const lastError = e.error ? toErrorInfo(e.error) : state.lastError;
    return { ...state, connectionState: e.state, lastError, detachedCallIDs };
  },
};
