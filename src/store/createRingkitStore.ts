import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SignalingClient } from '../client/SignalingClient.js';
import type { ClientEventMap } from '../protocol/events.js';
import { EMPTY_STATE, syncFromClient } from './syncFromClient.js';
import { ringkitEventTable } from './ringkitEventTable.js';
import type { RingkitErrorInfo, RingkitState } from './RingkitState.js';
import { withIdentity } from './withIdentity.js';
import { withSnapshot } from './withSnapshot.js';
import { createBusyRejecter, type BusyRejecter } from './rules/createBusyRejecter.js';
import { watchOrphanedCalls } from './rules/watchOrphanedCalls.js';

/**
 * Options of `createRingkitStore`.
 * @example const store = createRingkitStore(client, { attach: false }); useEffect(() => store.attach(), [store])
 */
export interface CreateRingkitStoreOptions {
  /**
   * Subscribe to the client at once (default true). React's provider passes false and calls
   * `attach()` in an effect, so a render that React throws away leaves no listener behind.
   */
  attach?: boolean;
}

/**
 * A zustand vanilla store mirroring one client, plus the app-side actions.
 * @example const unsubscribe = store.subscribe((s) => render(s.invitations))
 */
export interface RingkitStore extends StoreApi<RingkitState> {
  readonly client: SignalingClient;
  /**
   * Catches up with the client and subscribes to its events; returns the matching detach.
   * Counted: the client gets one set of listeners however many attach, until all have detached.
   */
  attach(): () => void;
  /** Unsubscribes from the client, whatever the attach count. */
  destroy(): void;
  /** Marks me busy (or not) for `busyPolicy: 'reject'`, here and on the server (`client.setBusy`). */
  setBusy(busy: boolean): void;
  /** Records a failure as `lastError` (null clears it). */
  reportError(error: RingkitErrorInfo | null): void;
  /** The busy auto-reject of this store (`busyPolicy: 'reject'`), shared by every hook. */
  readonly busyRejecter: BusyRejecter;
}

const EVENT_NAMES = Object.keys(ringkitEventTable) as (keyof ClientEventMap)[];

/**
 * Creates the store for one client. Its `invitations` is the client's snapshot record itself
 * (`client.getSnapshot()`, the one copy), taken at every change; the connection state and last
 * error come from the client's events through the exhaustive event table. While attached it also
 * runs its rules: a 1v1 call the other side left is ended (`watchOrphanedCalls`), and, while a
 * hook holds it, the busy auto-reject (`busyRejecter`). Usable without React.
 * @example
 * const store = createRingkitStore(client)
 * store.subscribe((s) => console.log(Object.keys(s.invitations).length, s.connectionState))
 * store.setBusy(true)
 * store.destroy()
 */
export function createRingkitStore(client: SignalingClient, options: CreateRingkitStoreOptions = {}): RingkitStore {
  const store = createStore<RingkitState>()(() => syncFromClient(EMPTY_STATE, client));
  let attached = 0;
  let generation = 0;
  let unsubscribe: (() => void)[] = [];

  const subscribe = () => {
    store.setState((s) => syncFromClient(s, client), true);
    // Invitations: the client's snapshot record itself, taken at every change (before its events).
    const offSnapshot = client.subscribe(() => store.setState((s) => withSnapshot(withIdentity(s, client.userID, client.deviceID), client.getSnapshot()), true));
    // Everything else through the exhaustive table (its invitation entries then find the snapshot held).
    unsubscribe = EVENT_NAMES.map((name) => {
      const reduce = ringkitEventTable[name] as (state: RingkitState, payload: unknown) => RingkitState;
      return client.on(name, (payload: unknown) => store.setState((s) => reduce(withIdentity(s, client.userID, client.deviceID), payload), true));
    });
    unsubscribe.push(offSnapshot, watchOrphanedCalls(store, client));
  };
  const destroy = () => {
    attached = 0;
    generation++;
    for (const off of unsubscribe.splice(0)) off();
  };
  const attach = () => {
    if (attached++ === 0) subscribe();
    const mine = generation;
    let done = false;
    return () => {
      if (done || mine !== generation) return;
      done = true;
      if (--attached === 0) destroy();
    };
  };

  const ringkitStore: RingkitStore = {
    ...store,
    client,
    attach,
    destroy,
    setBusy: (busy) => {
      store.setState((s) => (s.busy === busy ? s : { ...s, busy }), true);
      client.setBusy(busy).catch(() => undefined); // the client sends it again on its next connect
    },
    busyRejecter: createBusyRejecter(store, client),
    reportError: (lastError) => store.setState((s) => (s.lastError === lastError ? s : { ...s, lastError }), true),
  };
  if (options.attach !== false) attach();
  return ringkitStore;
}
