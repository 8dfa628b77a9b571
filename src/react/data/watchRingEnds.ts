import type { Invitation } from '../../protocol/types.js';
import type { RingkitStore } from '../../store/createRingkitStore.js';
import { selectRingingInvitations } from '../../store/selectors/selectRingingInvitations.js';
import { ringEndReason, type RingEndReason } from './ringEndReason.js';

/**
 * One invitation that stopped ringing for me, and why.
 * @example const end: RingEnd = { invitation, reason: 'timeout' }
 */
export interface RingEnd {
  /** Its snapshot after it stopped ringing. */
  invitation: Invitation;
  reason: RingEndReason;
}

/**
 * Calls `onEnd` each time an invitation stops ringing for me (answered here or on another device,
 * cancelled, timed out, caller gone), with the reason read from the store's snapshot. Framework
 * free: works on any ringkit store; returns the unsubscribe function.
 * @example const stop = watchRingEnds(store, ({ invitation, reason }) => console.log(invitation.inviter, reason))
 */
export function watchRingEnds(store: RingkitStore, onEnd: (end: RingEnd) => void): () => void {
  let ringing = selectRingingInvitations(store.getState());
  return store.subscribe((state) => {
    const now = selectRingingInvitations(state);
    if (now === ringing) return;
    const still = new Set(now.map((i) => i.inviteID));
    const gone = ringing.filter((i) => !still.has(i.inviteID));
    ringing = now;
    for (const before of gone) {
      const invitation = state.invitations[before.inviteID] ?? before;
      const reason = ringEndReason(invitation, state.userID, store.client.deviceID);
      // Undefined: the snapshot still says it rings (e.g. the mirror was reset); nothing to tell.
      if (reason) onEnd({ invitation, reason });
    }
  });
}
