import { isPending, type Invitation } from '../../protocol/types.js';
import type { RingkitState } from '../RingkitState.js';
import { memoByObjects } from './memoByObjects.js';

/** One caller's calls (one person, one group or none): a redial is another call of the same caller. */
const callerOf = (i: Invitation) => `${i.groupID ?? ''}\u0000${i.inviter}`;

/**
 * Ringing calls in line: callers in the order they started ringing (first come, first shown, so a
 * new caller never takes the place of the call in front of me), and each caller's newest call
 * first (a redial is the live one; the older call from them is usually left by a tab that died).
 */
function inLine(ringing: Invitation[]): Invitation[] {
  const since = new Map<string, number>();
  for (const i of ringing) {
    const key = callerOf(i);
    since.set(key, Math.min(since.get(key) ?? Infinity, i.createTime));
  }
  return ringing.sort((a, b) => {
    const [ka, kb] = [callerOf(a), callerOf(b)];
    if (ka === kb) return b.createTime - a.createTime;
    return since.get(ka)! - since.get(kb)! || (ka < kb ? -1 : 1);
  });
}

const compute = memoByObjects((invitations: RingkitState['invitations'], parts: RingkitState['parts']) =>
  inLine(
    Object.values(invitations).filter((i) => {
      const part = parts[i.inviteID];
      return i.state === 'active' && part?.role === 'invitee' && part.state !== undefined && isPending(part.state);
    }),
  ),
);

/**
 * The invitations ringing for me (I am a pending invitee of an active invitation), in line:
 * callers in the order they started ringing, and the newest call of each caller first (calling
 * me again puts the new call where the caller's place in line was: a redial is the live one); the
 * same array until an invitation changes.
 * @example const [first] = selectRingingInvitations(store.getState())
 */
export function selectRingingInvitations(state: RingkitState): readonly Invitation[] {
  return compute(state.invitations, state.parts);
}
