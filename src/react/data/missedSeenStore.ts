/**
 * Where "missed calls seen up to" is kept per user: this device's localStorage when there is one
 * (shared by the tabs of this browser, which follow each other's changes), memory otherwise.
 * The server keeps a missed call only until a device has received it (`session:missedSeen`); which
 * missed calls the person has looked at is this device's UI state, so it lives here.
 * @example missedSeenStore.set('bob', Date.now()); missedSeenStore.get('bob')
 */
export interface MissedSeenStore {
  /** Server time (ms) up to which `userID` has seen missed calls (0 = none seen). */
  get(userID: string): number;
  set(userID: string, time: number): void;
  subscribe(listener: () => void): () => void;
}

const KEY = 'ringkit:missedSeenAt:';

/**
 * The default store (localStorage when available).
 * @example const seenAt = missedSeenStore.get(client.userID)
 */
export const missedSeenStore: MissedSeenStore = createMissedSeenStore();

/**
 * A store over `storage` (default: `globalThis.localStorage` when usable, else memory; looked up on
 * first use, never at import, so importing it on a server touches nothing).
 * @example const store = createMissedSeenStore(sessionStorage)
 */
export function createMissedSeenStore(given?: Pick<Storage, 'getItem' | 'setItem'>): MissedSeenStore {
  let resolved = given !== undefined;
  let found = given;
  const storageNow = () => {
    if (!resolved) {
      resolved = true;
      found = usableLocalStorage();
    }
    return found;
  };
  const memory = new Map<string, number>();
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  return {
    get(userID) {
      const stored = storageNow()?.getItem(KEY + userID);
      return memory.get(userID) ?? (stored ? Number(stored) || 0 : 0);
    },
    set(userID, time) {
      if (time <= this.get(userID)) return;
      memory.set(userID, time);
      try {
        storageNow()?.setItem(KEY + userID, String(time));
      } catch {
        // Storage full or blocked: memory still holds it for this page.
      }
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      const onStorage = (e: StorageEvent) => {
        if (!e.key?.startsWith(KEY)) return;
        memory.delete(e.key.slice(KEY.length));
        listener();
      };
      if (storageNow() && typeof window !== 'undefined') window.addEventListener('storage', onStorage);
      return () => {
        listeners.delete(listener);
        if (found && typeof window !== 'undefined') window.removeEventListener('storage', onStorage);
      };
    },
  };
}

function usableLocalStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
