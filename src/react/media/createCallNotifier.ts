/**
 * The system notification of one ringing call, as `createCallNotifier().update` takes it.
 * @example const ring: RingingNotice = { inviteID: 'x', title: 'alice is calling', body: 'One-to-one audio call' }
 */
export interface RingingNotice {
  inviteID: string;
  title: string;
  body: string;
  icon?: string;
}

/**
 * Shows and closes system notifications for incoming calls, without React.
 * @example
 * const notifier = createCallNotifier()
 * notifier.update(document.hidden ? { inviteID, title: 'alice is calling', body: 'Audio call' } : null)
 * notifier.update(null) // ringing stopped: closes it
 */
export interface CallNotifier {
  /** The call to show (only while permission is granted), or null to close the one shown. */
  update(ring: RingingNotice | null): void;
}

/**
 * Creates a `CallNotifier` on the Notification API. One notification at a time (tagged with the
 * inviteID); a click focuses this tab and closes it. `onClick` also runs on a click.
 * @example const notifier = createCallNotifier(() => console.log('notification clicked'))
 */
export function createCallNotifier(onClick?: () => void): CallNotifier {
  let shown: { inviteID: string; notification: Notification } | undefined;
  const close = () => {
    shown?.notification.close();
    shown = undefined;
  };
  return {
    update(ring) {
      if (ring?.inviteID === shown?.inviteID) return;
      close();
      if (!ring || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
      const notification = new Notification(ring.title, { body: ring.body, tag: ring.inviteID, icon: ring.icon, requireInteraction: true });
      notification.onclick = () => {
        window.focus();
        notification.close();
        onClick?.();
      };
      shown = { inviteID: ring.inviteID, notification };
    },
  };
}
