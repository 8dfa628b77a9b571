import type { SignalingClient } from '../../client/SignalingClient.js';
import type { ConnectionState } from '../../protocol/events.js';
import { useRingkitStore } from './useRingkitStore.js';

/**
 * The client's connection state: `'connecting' | 'connected' | 'reconnecting' | 'disconnected'`.
 * @example
 * const state = useConnectionState()
 * return state === 'connected' ? null : <Banner>Offline ({state})…</Banner>
 */
export function useConnectionState(client?: SignalingClient): ConnectionState {
  return useRingkitStore((s) => s.connectionState, client);
}
