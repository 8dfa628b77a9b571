import type { StoreApi } from 'zustand/vanilla';
import type { SignalingClient } from '../../client/SignalingClient.js';
import { BUSY_DATA } from '../../protocol/isBusyRejection.js';
import type { Invitation } from '../../protocol/types.js';
import type { RingkitState } from '../RingkitState.js';
import { selectIsBusy } from '../selectors/selectIsBusy.js';
import { selectRingingInvitations } from '../selectors/selectRingingInvitations.js';

/**
 * What to do with a call that starts ringing while I am busy: `'reject'` rejects it at once with
 * data `{"reason":"busy"}` (line busy); `'ring'` lets it ring (call waiting).
 * @example useIncomingInvitation({ busyPolicy: 'reject' })
 */
export type BusyPolicy = 'ring' | 'reject';

/**
 * The data a busy auto-reject sends: `BUSY_DATA`, the one wire value of a busy rejection (the
 * same as the server's `busyPolicy: 'reject'`).
 * @example const busy = user.state === 'rejected' && user.data === BUSY_REJECT_DATA
 */
export const BUSY_REJECT_DATA = BUSY_DATA;

/**
 * The busy auto-reject of one store: the decision taken when each ringing invitation was first
 * seen (ring, or reject as busy), shared by everyone who reads the store.
 * @example const off = store.busyRejecter.hold(); store.busyRejecter.letRing(store.getState(), 'reject')
 */
export interface BusyRejecter {
  /**
   * The invitations ringing for me that `policy` lets ring, in line as `selectRingingInvitations`
   * (the same array for the same state and policy). With `'reject'`, one first seen while busy is left out at once.
   */
  letRing(state: RingkitState, policy: BusyPolicy): readonly Invitation[];
  /**
   * Applies `'reject'` while held: each invitation that starts ringing while I am busy is rejected
   * with `BUSY_REJECT_DATA`, once per store however many hold it. Returns the release.
   */
  hold(): () => void;
}

/**
 * Creates the busy auto-reject of a store (framework-free; `useIncomingInvitation` and `useCall`
 * with `busyPolicy: 'reject'` hold it while mounted).
 * @example const rejecter = createBusyRejecter(store, client)
 */
export function createBusyRejecter(store: StoreApi<RingkitState>, client: SignalingClient): BusyRejecter {
  const decisions = new Map<string, BusyPolicy>();
  const allowed = new WeakMap<readonly Invitation[], { busy: boolean; decided: number; list: readonly Invitation[] }>();
  let holders = 0;
  let release: (() => void) | undefined;
  let decided = 0; // bumps when a decision is taken, so letRing's cache follows

  const decide = (state: RingkitState) => {
    const ringing = selectRingingInvitations(state);
    const busy = selectIsBusy(state);
    const ringingIDs = new Set(ringing.map((i) => i.inviteID));
    for (const id of decisions.keys()) if (!ringingIDs.has(id)) decisions.delete(id);
    for (const invitation of ringing) {
      if (decisions.has(invitation.inviteID)) continue;
      decisions.set(invitation.inviteID, busy ? 'reject' : 'ring');
      decided++;
      if (busy) client.reject(invitation.inviteID, { data: BUSY_REJECT_DATA }).catch(() => undefined);
    }
  };

  return {
    letRing(state, policy) {
      const ringing = selectRingingInvitations(state);
      if (policy !== 'reject') return ringing;
      const busy = selectIsBusy(state);
      const hit = allowed.get(ringing);
      if (hit && hit.busy === busy && hit.decided === decided) return hit.list;
      const fallback = busy ? 'reject' : 'ring';
      const list = ringing.filter((i) => (decisions.get(i.inviteID) ?? fallback) === 'ring');
      allowed.set(ringing, { busy, decided, list });
      return list;
    },
    hold() {
      if (holders++ === 0) {
        decide(store.getState());
        release = store.subscribe(decide);
      }
      let done = false;
      return () => {
        if (done) return;
        done = true;
        if (--holders === 0) release?.();
      };
    },
  };
}
