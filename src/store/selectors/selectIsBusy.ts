import type { RingkitState } from '../RingkitState.js';
import { memoByObjects } from './memoByObjects.js';
import { selectIsDetached } from './selectDetachedCall.js';

/** The active advanced calls I am accepted in; computed once per invitations/parts pair, however many hooks ask. */
const acceptedCalls = memoByObjects((invitations: RingkitState['invitations'], parts: RingkitState['parts']) =>
  Object.values(invitations).filter((i) => i.state === 'active' && i.mode === 'advanced' && parts[i.inviteID]?.state === 'accepted'),
);

/**
 * Whether I am busy for `busyPolicy: 'reject'`: marked busy by the app, or accepted in an active
 * advanced call (inviting counts: the inviter of an advanced call is accepted from the start) that
 * is not left on a device of mine that is gone (`detachedCallIDs`).
 * @example if (selectIsBusy(store.getState())) showBusyBadge()
 */
export function selectIsBusy(state: RingkitState): boolean {
  if (state.busy) return true;
  return acceptedCalls(state.invitations, state.parts).some((call) => !selectIsDetached(state, call.inviteID));
}
