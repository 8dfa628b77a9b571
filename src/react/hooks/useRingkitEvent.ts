import { useEffect, useLayoutEffect, useRef } from 'react';
import type { SignalingClient } from '../../client/SignalingClient.js';
import type { ClientEventMap, ClientEventName } from '../../protocol/events.js';
import { useRingkitStoreApi } from './useRingkitStoreApi.js';

/**
 * Subscribes to any client event while mounted; always calls the latest `handler` without
 * resubscribing, and unsubscribes on unmount.
 * @example
 * useRingkitEvent('inviteeAccepted', (e) => toast(`${e.invitee} answered`))
 */
export function useRingkitEvent<K extends ClientEventName>(
  name: K,
  handler: (event: ClientEventMap[K]) => void,
  client?: SignalingClient,
): void {
  const { client: target } = useRingkitStoreApi(client);
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useEffect(() => target.on(name, (event) => latest.current(event)), [target, name]);
}
