import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { SignalingClient } from '../../client/SignalingClient.js';
import { useDisplayUser, type GetUser } from '../context/RingkitUsersProvider.js';
import { describeCall } from '../data/describeCall.js';
import { useRingkitLabels } from '../labels/RingkitLabelsProvider.js';
import { createCallNotifier } from '../media/createCallNotifier.js';
import { useIncomingInvitation, type UseIncomingInvitationOptions } from './useIncomingInvitation.js';
import { useRingkitStore } from './useRingkitStore.js';

/**
 * Options of `useIncomingCallNotification`.
 * @example useIncomingCallNotification({ icon: '/logo.png', getUser: (id) => contacts[id] })
 */
export interface UseIncomingCallNotificationOptions extends UseIncomingInvitationOptions {
  /** Maps the caller's userID to a display name. */
  getUser?: GetUser;
  /** Icon URL of the notification. */
  icon?: string;
  /** Runs when the user clicks the notification (after the tab got focus). */
  onClick?: () => void;
}

/**
 * What `useIncomingCallNotification` returns.
 * @example const { permission, requestPermission }: UseIncomingCallNotificationResult = useIncomingCallNotification()
 */
export interface UseIncomingCallNotificationResult {
  /** The Notification API's permission, or `'unsupported'`. */
  permission: NotificationPermission | 'unsupported';
  /** Asks the user (call it from a click); the hook never asks by itself. */
  requestPermission(): Promise<NotificationPermission | 'unsupported'>;
}

const supported = () => typeof Notification !== 'undefined';
const subscribeVisibility = (listener: () => void) => {
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
};
const isHidden = () => document.visibilityState === 'hidden';
const serverHidden = () => false;
const noSubscription = () => () => undefined;
const readPermission = () => (supported() ? Notification.permission : 'unsupported');
const serverPermission = () => 'unsupported' as const;

/**
 * Opt-in system notifications for incoming calls: while the page is hidden (another tab, a
 * minimised window) and a call rings, a notification names the caller and the kind of call;
 * clicking it focuses this tab; it closes as soon as the call stops ringing (or the page is shown
 * again, where the ringing UI takes over). It asks for permission only when the app calls
 * `requestPermission()`.
 * @example
 * const { permission, requestPermission } = useIncomingCallNotification({ icon: '/icon.png' })
 * {permission === 'default' && <button onClick={requestPermission}>Notify me of calls</button>}
 */
export function useIncomingCallNotification(
  options: UseIncomingCallNotificationOptions = {},
  client?: SignalingClient,
): UseIncomingCallNotificationResult {
  const { getUser, icon, onClick, ...ringOptions } = options;
  const { invitation } = useIncomingInvitation(ringOptions, client);
  const self = useRingkitStore((s) => s.userID, client);
  const labels = useRingkitLabels('incomingCall');
  const caller = useDisplayUser(invitation?.inviter ?? '', getUser);
  const hidden = useSyncExternalStore(subscribeVisibility, isHidden, serverHidden);
  // Read in the browser only (a server render and its hydration say 'unsupported'), then updated by requestPermission.
  const initial = useSyncExternalStore(noSubscription, readPermission, serverPermission);
  const [asked, setPermission] = useState<NotificationPermission | undefined>();
  const permission = asked ?? initial;
  const onClickRef = useRef(onClick);
  onClickRef.current = onClick;
  const notifier = useMemo(() => createCallNotifier(() => onClickRef.current?.()), []);

  const description = invitation ? describeCall(invitation, self) : undefined;
  const ring =
    invitation && description && hidden && permission === 'granted'
      ? {
          inviteID: invitation.inviteID,
          title: labels.title(caller.name),
          body: labels.description(description.media, description.group, description.others.length + 1),
          icon,
        }
      : null;
  // After every render: the notifier shows, keeps (same inviteID) or closes its one notification.
  useEffect(() => notifier.update(ring));
  useEffect(() => () => notifier.update(null), [notifier]);

  const requestPermission = useCallback(async () => {
    if (!supported()) return 'unsupported' as const;
    const result = await Notification.requestPermission();
    setPermission(result);
    return result;
  }, []);
  return useMemo(() => ({ permission, requestPermission }), [permission, requestPermission]);
}
