import type { Invitation } from '../../protocol/types.js';
import type { RingkitState } from '../RingkitState.js';
import { selectIsDetached } from './selectDetachedCall.js';

/**
 * The active advanced calls I am connected in (accepted, with someone else accepted), but for one
 * left on a device of mine that is gone (`selectIsDetached`); a fresh
 * array (read it through `useShallow`).
 * @example const inCall = selectConnectedCalls(store.getState()).length > 0
 */
export function selectConnectedCalls(s: RingkitState): Invitation[] {
  return Object.values(s.invitations).filter(
    (i) =>
      i.state === 'active' &&
      i.mode === 'advanced' &&
      s.parts[i.inviteID]?.state === 'accepted' &&
      i.users.some((u) => u.userID !== s.userID && u.state === 'accepted') &&
      !selectIsDetached(s, i.inviteID),
  );
}
