import { useContext, useEffect } from 'react';
import type { SignalingClient } from '../../client/SignalingClient.js';
import type { RingkitStore } from '../../store/createRingkitStore.js';
import { storeForClient } from '../internal/storeForClient.js';
import { RingkitContext } from '../context/RingkitContext.js';

/**
 * The ringkit store of `client`, or of the nearest `RingkitProvider`. Keeps the store subscribed
 * to its client while mounted. Throws when there is neither (a setup mistake, not a runtime state).
 * @example
 * const store = useRingkitStoreApi()
 * store.setBusy(true)
 */
export function useRingkitStoreApi(client?: SignalingClient): RingkitStore {
  const provided = useContext(RingkitContext);
  const store = client ? (provided?.client === client ? provided : storeForClient(client)) : provided;
  if (!store) throw new Error('ringkit: wrap the app in <RingkitProvider> or pass a client to the hook');
  useEffect(() => store.attach(), [store]);
  return store;
}
