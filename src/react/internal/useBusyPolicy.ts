import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { BUSY_DATA } from '../../protocol/isBusyRejection.js';
import type { Invitation } from '../../protocol/types.js';
import type { RingkitStore } from '../../store/createRingkitStore.js';
import { selectIsBusy } from '../../store/selectors/selectIsBusy.js';
import { selectRingingInvitations } from '../../store/selectors/selectRingingInvitations.js';

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

/** Per store: the decision taken when each ringing invitation was first seen, shared by every hook. */
const decisionsByStore = new WeakMap<RingkitStore, Map<string, BusyPolicy>>();

function decisionsOf(store: RingkitStore): Map<string, BusyPolicy> {
  let decisions = decisionsByStore.get(store);
  if (!decisions) decisionsByStore.set(store, (decisions = new Map()));
  return decisions;
}

/**
 * The invitations ringing for me that the busy policy lets ring, oldest first (a stable array).
 * With `'reject'`, an invitation first seen while busy is hidden at once and rejected once per
 * store, however many hooks watch it.
 */
export function useBusyPolicy(store: RingkitStore, policy: BusyPolicy): readonly Invitation[] {
  const decisions = decisionsOf(store);
  const ringing = useStore(store, useShallow(selectRingingInvitations));
  const busy = useStore(store, selectIsBusy);
  const allowed = useStore(
    store,
    useShallow((s) => {
      if (policy !== 'reject') return selectRingingInvitations(s);
      const fallback = selectIsBusy(s) ? 'reject' : 'ring';
      return selectRingingInvitations(s).filter((i) => (decisions.get(i.inviteID) ?? fallback) === 'ring');
    }),
  );

  useEffect(() => {
    if (policy !== 'reject') return;
    const ringingIDs = new Set(ringing.map((i) => i.inviteID));
    for (const id of decisions.keys()) if (!ringingIDs.has(id)) decisions.delete(id);
    for (const invitation of ringing) {
      if (decisions.has(invitation.inviteID)) continue;
      decisions.set(invitation.inviteID, busy ? 'reject' : 'ring');
      if (busy) store.client.reject(invitation.inviteID, { data: BUSY_REJECT_DATA }).catch(() => undefined);
    }
  }, [store, decisions, ringing, busy, policy]);

  return allowed;
}
