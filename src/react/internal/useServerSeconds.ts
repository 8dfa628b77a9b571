import { useCallback, useSyncExternalStore } from 'react';
import type { SignalingClient } from '../../client/SignalingClient.js';

const TICK_MS = 250;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => listeners.forEach((l) => l()), TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
const idle = () => () => undefined;
/**
 * A server render (and the hydration that follows it) has no call to time: its client never
 * connects. It reads no clock either, because Next.js (Cache Components) stops prerendering a
 * client component that calls Date.now() ("did not produce a static shell").
 */
const noClock = () => null;

/**
 * A whole number of seconds computed from the server clock (`client.serverNow()`), re-evaluated a
 * few times a second while `running`; components re-render only when the number changes.
 */
export function useServerSeconds(client: SignalingClient, compute: (serverNow: number) => number | null, running: boolean): number | null {
  const snapshot = useCallback(() => compute(client.serverNow()), [client, compute]);
  return useSyncExternalStore(running ? subscribe : idle, snapshot, noClock);
}
