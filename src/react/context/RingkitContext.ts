import { createContext } from 'react';
import type { RingkitStore } from '../../store/createRingkitStore.js';

/**
 * The store (and through it the client) that `RingkitProvider` gives its subtree.
 * @example const store = useContext(RingkitContext) // prefer useRingkitStoreApi()
 */
export const RingkitContext = createContext<RingkitStore | null>(null);
