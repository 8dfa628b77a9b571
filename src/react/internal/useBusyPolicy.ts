import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { Invitation } from '../../protocol/types.js';
import type { RingkitStore } from '../../store/createRingkitStore.js';
import type { BusyPolicy } from '../../store/rules/createBusyRejecter.js';

/**
 * Binds the store's busy auto-reject (`store.busyRejecter`): holds it while mounted with
 * `'reject'`, and returns the invitations ringing for me that the policy lets ring, in line (`selectRingingInvitations`).
 */
export function useBusyPolicy(store: RingkitStore, policy: BusyPolicy): readonly Invitation[] {
  const { busyRejecter } = store;
  useEffect(() => (policy === 'reject' ? busyRejecter.hold() : undefined), [busyRejecter, policy]);
  return useStore(store, (s) => busyRejecter.letRing(s, policy));
}
