import { useStore } from 'zustand';
import type { SignalingClient } from '../../client/SignalingClient.js';
import type { RingkitState } from '../../store/RingkitState.js';
import { useRingkitStoreApi } from './useRingkitStoreApi.js';

/**
 * Reads the ringkit store with your own selector (zustand's `useStore`): re-renders only when the
 * selected value changes. The selector must return a stored reference or go through `useShallow`.
 * @example
 * const lastError = useRingkitStore((s) => s.lastError)
 * const ids = useRingkitStore(useShallow((s) => Object.keys(s.invitations)))
 */
export function useRingkitStore<T>(selector: (state: RingkitState) => T, client?: SignalingClient): T {
  return useStore(useRingkitStoreApi(client), selector);
}
