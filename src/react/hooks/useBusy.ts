import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { SignalingClient } from '../../client/SignalingClient.js';
import { selectIsBusy } from '../../store/selectors/selectIsBusy.js';
import { useRingkitStoreApi } from './useRingkitStoreApi.js';

/**
 * What `useBusy` returns.
 * @example const { busy, markedBusy, setBusy }: UseBusyResult = useBusy()
 */
export interface UseBusyResult {
  /** Busy for `busyPolicy: 'reject'`: marked busy by the app, or accepted in an active advanced call. */
  busy: boolean;
  /** What the app marked (without the active-call part). */
  markedBusy: boolean;
  /** Marks me busy or free (e.g. while in a call of another system); the server then refuses calls with `busyPolicy: 'reject'`. */
  setBusy(busy: boolean): void;
}

/**
 * Whether I count as busy, and the app's switch for it.
 * @example
 * const { busy, setBusy } = useBusy()
 * <label><input type="checkbox" checked={busy} onChange={(e) => setBusy(e.target.checked)} /> Do not disturb</label>
 */
export function useBusy(client?: SignalingClient): UseBusyResult {
  const store = useRingkitStoreApi(client);
  const busy = useStore(store, selectIsBusy);
  const markedBusy = useStore(store, (s) => s.busy);
  return useMemo(() => ({ busy, markedBusy, setBusy: store.setBusy }), [busy, markedBusy, store]);
}
