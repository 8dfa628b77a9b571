import type { Invitation } from '../../protocol/types.js';
import type { RingkitState } from '../RingkitState.js';

const cache = new WeakMap<RingkitState['invitations'], readonly Invitation[]>();

/**
 * Every active invitation, oldest first; the same array until an invitation changes.
 * @example const count = selectActiveInvitations(store.getState()).length
 */
export function selectActiveInvitations(state: RingkitState): readonly Invitation[] {
  let active = cache.get(state.invitations);
  if (!active) {
    active = Object.values(state.invitations)
      .filter((i) => i.state === 'active')
      .sort((a, b) => a.createTime - b.createTime);
    cache.set(state.invitations, active);
  }
  return active;
}
