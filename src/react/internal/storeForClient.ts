import type { SignalingClient } from '../../client/SignalingClient.js';
import { createRingkitStore, type RingkitStore } from '../../store/createRingkitStore.js';

const stores = new WeakMap<SignalingClient, RingkitStore>();

/**
 * The one store of a client (created detached on first use and kept as long as the client).
 * Looking it up again is free, so React may call this in render, twice under StrictMode, and still
 * get one store; whoever renders with it attaches it in an effect.
 */
export function storeForClient(client: SignalingClient): RingkitStore {
  let store = stores.get(client);
  if (!store) stores.set(client, (store = createRingkitStore(client, { attach: false })));
  return store;
}
