import type { RingkitState } from '../RingkitState.js';
import { memoByObjects } from './memoByObjects.js';

/** Whether I am accepted in an active advanced call; computed once per invitations/parts pair, however many hooks ask. */
const inActiveCall = memoByObjects((invitations: RingkitState['invitations'], parts: RingkitState['parts']) =>
  Object.values(invitations).some((i) => i.state === 'active' && i.mode === 'advanced' && parts[i.inviteID]?.state === 'accepted'),
);

/**
 * Whether I am busy for `busyPolicy: 'reject'`: marked busy by the app, or accepted in an active
 * advanced call (inviting counts: the inviter of an advanced call is accepted from the start).
 * @example if (selectIsBusy(store.getState())) showBusyBadge()
 */
export function selectIsBusy(state: RingkitState): boolean {
  return state.busy || inActiveCall(state.invitations, state.parts);
}
