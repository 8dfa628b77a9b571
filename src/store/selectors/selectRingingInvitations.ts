import { isPending, type Invitation } from '../../protocol/types.js';
import type { RingkitState } from '../RingkitState.js';
import { memoByObjects } from './memoByObjects.js';

const compute = memoByObjects((invitations: RingkitState['invitations'], parts: RingkitState['parts']) =>
  Object.values(invitations)
    .filter((i) => {
      const part = parts[i.inviteID];
      return i.state === 'active' && part?.role === 'invitee' && part.state !== undefined && isPending(part.state);
    })
    .sort((a, b) => a.createTime - b.createTime),
);

/**
 * The invitations ringing for me (I am a pending invitee of an active invitation), oldest first;
 * the same array until an invitation changes.
 * @example const [oldest] = selectRingingInvitations(store.getState())
 */
export function selectRingingInvitations(state: RingkitState): readonly Invitation[] {
  return compute(state.invitations, state.parts);
}
