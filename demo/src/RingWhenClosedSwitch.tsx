import { useEffect, useState } from 'react';
import { usePushSubscription } from '../../src/react/index.js';
import { useDemoLabels } from './labels.js';

/** The demo server's VAPID public key (GET /ringkit-vapid-key), or '' while loading or when it has none. */
function useVapidKey(): string {
  const [key, setKey] = useState('');
  useEffect(() => {
    let live = true;
    fetch('/ringkit-vapid-key')
      .then((r) => (r.ok ? r.text() : ''))
      .then((text) => live && setKey(text.trim()), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return key;
}

/**
 * "Ring me when this tab is closed": the kit's `usePushSubscription` as a switch. Turning it on
 * asks for notification permission and stores this browser's push subscription; `onBeforeSignOut`
 * hands the sign-out its `disable`, so nothing rings here for the next user.
 * @example <RingWhenClosedSwitch registerDisable={(disable) => (disableRef.current = disable)} />
 */
export function RingWhenClosedSwitch({ registerDisable }: { registerDisable(disable: () => Promise<void>): void }) {
  const t = useDemoLabels();
  const vapidPublicKey = useVapidKey();
  const push = usePushSubscription({ vapidPublicKey, serviceWorkerUrl: '/sw.js' });
  useEffect(() => registerDisable(() => (push.enabled ? push.disable() : Promise.resolve())), [push, registerDisable]);
  return (
    <span className="demo-push">
      <button {...push.switchProps} disabled={push.switchProps.disabled || !vapidPublicKey} className="rk-button demo-switch" data-checked={push.enabled}>
        {t.ringWhenClosed}
      </button>
      {push.error && <span className="demo-push__error">{t.ringWhenClosedFailed(push.error.message)}</span>}
    </span>
  );
}
