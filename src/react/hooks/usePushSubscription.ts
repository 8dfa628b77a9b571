import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SignalingClient } from '../../client/SignalingClient.js';
import { SUBSCRIPTION_CHANGED_MESSAGE } from '../../client/push/pushMessages.js';
import { disablePushRinging, enablePushRinging, pushRingingSupported, syncPushRinging, type PushRingingOptions } from '../../client/push/pushRinging.js';
import { useConnectionState } from './useConnectionState.js';
import { useRingkitStoreApi } from './useRingkitStoreApi.js';

/**
 * What `usePushSubscription` returns.
 * @example const { supported, enabled, pending, enable, disable, switchProps }: UsePushSubscriptionResult = usePushSubscription({ vapidPublicKey })
 */
export interface UsePushSubscriptionResult {
  /** Whether this browser can ring while the tab is closed (false on iOS unless installed to the home screen). */
  supported: boolean;
  /** Whether this device's subscription is stored on the server. */
  enabled: boolean;
  /** While enabling or disabling. */
  pending: boolean;
  /** Why the last enable or disable failed (e.g. permission refused). */
  error: Error | undefined;
  /** Asks for notification permission, subscribes and stores the subscription (call it from a click). */
  enable(): Promise<void>;
  /** Removes the subscription from the server and the browser (call it before signing out). */
  disable(): Promise<void>;
  /** Props for a `role="switch"` button: `<button {...switchProps}>Ring me when this tab is closed</button>`. */
  switchProps: { role: 'switch'; 'aria-checked': boolean; disabled: boolean; onClick(): void; type: 'button' };
}

/**
 * Ringing a closed browser (Web Push) for this device: registers the app's service worker,
 * subscribes with the server's VAPID key — asking for permission only when `enable` is called —
 * and keeps the stored subscription in sync (at every connect, and when the worker reports a
 * `pushsubscriptionchange`). Call `disable` at sign-out.
 * @example
 * const push = usePushSubscription({ vapidPublicKey, serviceWorkerUrl: '/sw.js' })
 * return push.supported && <button {...push.switchProps}>Ring me when this tab is closed</button>
 */
export function usePushSubscription(options: PushRingingOptions, client?: SignalingClient): UsePushSubscriptionResult {
  const store = useRingkitStoreApi(client);
  const connection = useConnectionState(client);
  const [supported] = useState(pushRingingSupported);
  const [enabled, setEnabled] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Error>();
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    if (!supported || connection !== 'connected') return;
    let live = true;
    const sync = () =>
      syncPushRinging(store.client, latest.current).then(
        (on) => live && setEnabled(on),
        () => undefined,
      );
    void sync();
    const onMessage = (event: MessageEvent) => (event.data as { type?: unknown } | null)?.type === SUBSCRIPTION_CHANGED_MESSAGE && void sync();
    const container = navigator.serviceWorker;
    container.addEventListener('message', onMessage);
    return () => {
      live = false;
      container.removeEventListener('message', onMessage);
    };
  }, [supported, connection, store]);

  const run = useCallback(
    async (action: () => Promise<unknown>, next: boolean) => {
      setPending(true);
      setError(undefined);
      try {
        await action();
        setEnabled(next);
      } catch (err) {
        setError(err instanceof Error ? err : new Error(String(err)));
      } finally {
        setPending(false);
      }
    },
    [],
  );
  const enable = useCallback(() => run(() => enablePushRinging(store.client, latest.current), true), [run, store]);
  const disable = useCallback(() => run(() => disablePushRinging(store.client, latest.current), false), [run, store]);

  return useMemo(
    () => ({
      supported,
      enabled,
      pending,
      error,
      enable,
      disable,
      switchProps: {
        role: 'switch' as const,
        'aria-checked': enabled,
        disabled: !supported || pending || connection !== 'connected',
        onClick: () => void (enabled ? disable() : enable()),
        type: 'button' as const,
      },
    }),
    [supported, enabled, pending, error, enable, disable, connection],
  );
}
