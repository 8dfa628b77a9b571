import { MAX_ENDED_INVITATIONS, putSnapshot } from '../client/putSnapshot.js';
import type { Invitation } from '../protocol/types.js';
import type { RingkitState } from './RingkitState.js';
import { withSnapshot } from './withSnapshot.js';

/**
 * How many ended invitations a snapshot record keeps (the client's rule); the oldest go first.
 * @example Object.keys(store.getState().invitations).length <= MAX_ENDED_INVITATIONS + activeCount
 */
export { MAX_ENDED_INVITATIONS };

/**
 * Puts one snapshot into a state by hand, through the client's own rule (`putSnapshot`: the
 * version guard, shared users, the pruner), with my part. A live store needs none of it: it holds
 * the client's snapshot record, so here an event's invitation is already held and the same state
 * comes back. Returns the same state object when nothing changed.
 * @example const next = replaceSnapshot(state, event.invitation)
 */
export function replaceSnapshot(state: RingkitState, incoming: Invitation): RingkitState {
  return withSnapshot(state, putSnapshot(state.invitations, incoming));
}
