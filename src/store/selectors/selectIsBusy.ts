import type { RingkitState } from '../RingkitState.js';

/**
 * Whether I am busy for `busyPolicy: 'reject'`: marked busy by the app, or accepted in an active
 * advanced call (inviting counts: the inviter of an advanced call is accepted from the start).
 * @example if (selectIsBusy(store.getState())) showBusyBadge()
 */
export function selectIsBusy(state: RingkitState): boolean {
  if (state.busy) return true;
  return Object.values(state.invitations).some(
    (i) => i.state === 'active' && i.mode === 'advanced' && state.parts[i.inviteID]?.state === 'accepted',
  );
}
