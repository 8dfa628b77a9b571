/**
 * `ringkit/service-worker`: what an app's own service worker imports to ring a closed browser.
 * On a ringkit push it shows the call as a notification (Accept and Decline), closes it when the
 * ringing stops, declines through the server's decline endpoint, and opens or focuses the app to
 * accept. Nothing here runs in a page.
 * @module
 */
import { ACCEPT_PARAM, DECLINE_PATH, parsePushPayload, type RingPushPayload, type StopPushPayload } from '../../protocol/push.js';
import { ACCEPT_CACHE, ACCEPT_MESSAGE, SUBSCRIPTION_CHANGED_MESSAGE, acceptRecordUrl, actedRecordUrl } from './pushMessages.js';

/**
 * Texts of the notifications (English by default).
 * @example const labels: Partial<ServiceWorkerLabels> = { accept: 'Annehmen', decline: 'Ablehnen' }
 */
export interface ServiceWorkerLabels {
  accept: string;
  decline: string;
  /** The body of a ringing notification without `offlinePushInfo.desc`. */
  incoming(media: 'audio' | 'video', groupID: string | undefined): string;
  /** The body of the notification that replaces a call that stopped ringing unanswered. */
  missed(media: 'audio' | 'video' | undefined): string;
  /** … that was answered or declined on another device. */
  answeredElsewhere: string;
  /** … whose call ended before it was answered here. */
  ended: string;
}

const DEFAULT_LABELS: ServiceWorkerLabels = {
  accept: 'Accept',
  decline: 'Decline',
  incoming: (media, groupID) => `Incoming ${media === 'video' ? 'video' : 'voice'} call${groupID ? ` in ${groupID}` : ''}`,
  missed: () => 'Missed call',
  answeredElsewhere: 'Answered on another device',
  ended: 'Call ended',
};

/**
 * Options of the ringkit service worker.
 * @example const options: RingkitServiceWorkerOptions = { serverUrl: 'https://calls.example.com', appUrl: '/' }
 */
export interface RingkitServiceWorkerOptions {
  /** The ringkit server (its decline endpoint). Default: the worker's own origin. */
  serverUrl?: string;
  /** The page that answers calls; opened with `?ringkitAccept=<inviteID>`. Default: the worker's scope. */
  appUrl?: string;
  /** Notification icon URL. */
  icon?: string;
  /**
   * What replaces a ringing notification when the call stops ringing: `'replace'` (default) shows
   * a quiet one ("Missed call", "Answered on another device", "Call ended"); `'close'` only closes
   * it. Browsers want every push to show something: Chrome then shows its own "updated in the
   * background" notice, and Safari revokes a subscription whose pushes show nothing. A call this
   * browser answered or declined from its notification is only closed either way.
   */
  stopNotification?: 'replace' | 'close';
  labels?: Partial<ServiceWorkerLabels>;
}

/** The parts of the service worker global scope this module uses (the DOM lib has no worker types here). */
interface WorkerScope {
  location: { origin: string };
  registration: {
    scope: string;
    showNotification(title: string, options: Record<string, unknown>): Promise<void>;
    getNotifications(filter?: { tag?: string }): Promise<WorkerNotification[]>;
  };
  clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClientLike[]>;
    openWindow(url: string): Promise<unknown>;
  };
  addEventListener(type: string, listener: (event: never) => void): void;
}

interface WorkerNotification {
  tag: string;
  data: unknown;
  close(): void;
}

interface WindowClientLike {
  url: string;
  focus(): Promise<unknown>;
  postMessage(message: unknown): void;
}

/**
 * A `push` event as the handler needs it.
 * @example handleRingkitPush({ data: { text: () => json }, waitUntil: (p) => void p })
 */
export interface PushEventLike {
  data?: { text(): string } | null;
  waitUntil(promise: Promise<unknown>): void;
}

/**
 * A `notificationclick` event as the handler needs it (`action` is '' for a click on the body).
 * @example handleRingkitNotificationClick({ action: 'decline', notification, waitUntil: (p) => void p })
 */
export interface NotificationClickEventLike {
  action: string;
  notification: { tag: string; data: unknown; close(): void };
  waitUntil(promise: Promise<unknown>): void;
}

/** What a notification carries in `data.ringkit`. */
type NotificationData = { kind: 'ring'; payload: RingPushPayload } | { kind: 'stopped'; payload: StopPushPayload };

const scope = () => globalThis as unknown as WorkerScope;

const dataOf = (notification: { data: unknown }): NotificationData | undefined => (notification.data as { ringkit?: NotificationData } | null)?.ringkit;

/**
 * Handles a `push` event when it is a ringkit push (shows, replaces or closes the call's
 * notification); returns false for anyone else's push so the app can handle it.
 * @example self.addEventListener('push', (event) => { if (!handleRingkitPush(event)) showMyOwn(event) })
 */
export function handleRingkitPush(event: PushEventLike, options: RingkitServiceWorkerOptions = {}): boolean {
  let text: string | undefined;
  try {
    text = event.data?.text();
  } catch {
    text = undefined;
  }
  const payload = parsePushPayload(text);
  if (!payload) return false;
  const change = changes.then(() => (payload.type === 'ring' ? showRinging(payload, options) : stopRinging(payload, options)));
  changes = change.catch(() => undefined);
  event.waitUntil(change);
  return true;
}

/**
 * Notification changes run one at a time, in push order: two pushes close together (a stop, then
 * the next call's ring) showed their notifications concurrently, and Chromium now and then kept
 * only one of them. This also keeps the stop's `getNotifications()` from running during a
 * `showNotification()`: Chromium then deletes the record of the notification being shown (written,
 * not yet on display, so taken for one closed meanwhile), which stays on screen but is never listed
 * again, so a later stop could not find the ringing notification to close it.
 */
let changes: Promise<unknown> = Promise.resolve();

async function showRinging(payload: RingPushPayload, options: RingkitServiceWorkerOptions): Promise<void> {
  const labels = { ...DEFAULT_LABELS, ...options.labels };
  await scope().registration.showNotification(payload.title ?? payload.inviter, {
    body: payload.body ?? labels.incoming(payload.media, payload.groupID),
    tag: payload.inviteID,
    renotify: true,
    requireInteraction: true,
    actions: [
      { action: 'accept', title: labels.accept },
      { action: 'decline', title: labels.decline },
    ],
    ...(options.icon && { icon: options.icon }),
    data: { ringkit: { kind: 'ring', payload } satisfies NotificationData },
  });
}

async function stopRinging(payload: StopPushPayload, options: RingkitServiceWorkerOptions): Promise<void> {
  const shown = await scope().registration.getNotifications({ tag: payload.inviteID });
  const ringing = shown.filter((n) => dataOf(n)?.kind === 'ring');
  if (options.stopNotification === 'close' || (await takeActed(payload.inviteID))) {
    for (const notification of ringing) notification.close();
    return;
  }
  // Shown with the same tag, the note replaces the ringing notification in one step (closing it
  // first races: Chromium names a tagged notification by its tag, and a late close removed the note).
  const labels = { ...DEFAULT_LABELS, ...options.labels };
  const media = ringing.map((n) => dataOf(n)).find((d) => d?.kind === 'ring')?.payload.media;
  const body = payload.reason === 'missed' ? labels.missed(media) : payload.reason === 'answered' ? labels.answeredElsewhere : labels.ended;
  await scope().registration.showNotification(payload.inviter, {
    body,
    tag: payload.inviteID,
    silent: true,
    ...(options.icon && { icon: options.icon }),
    data: { ringkit: { kind: 'stopped', payload } satisfies NotificationData },
  });
}

/** Remembers that the user acted on a call's notification in this browser. */
async function markActed(inviteID: string): Promise<void> {
  const cache = await caches.open(ACCEPT_CACHE);
  await cache.put(actedRecordUrl(scope().location.origin, inviteID), new Response(String(Date.now())));
}

/** Whether the user acted on this call's notification here (and forgets it). */
async function takeActed(inviteID: string): Promise<boolean> {
  const cache = await caches.open(ACCEPT_CACHE);
  return cache.delete(actedRecordUrl(scope().location.origin, inviteID));
}

/**
 * Handles a `notificationclick` on a ringkit notification: Decline posts the ring's token to the
 * server's decline endpoint; Accept, or a click on the body (action buttons are not shown
 * everywhere), focuses an open tab of the app and tells it to accept, or opens the app with
 * `?ringkitAccept=<inviteID>`. Returns false for other notifications.
 * @example self.addEventListener('notificationclick', (event) => handleRingkitNotificationClick(event, { serverUrl }))
 */
export function handleRingkitNotificationClick(event: NotificationClickEventLike, options: RingkitServiceWorkerOptions = {}): boolean {
  const data = dataOf(event.notification);
  if (!data) return false;
  event.notification.close();
  if (data.kind === 'stopped') {
    event.waitUntil(openApp(undefined, options));
  } else if (event.action === 'decline') {
    event.waitUntil(markActed(data.payload.inviteID).then(() => decline(data.payload, options)));
  } else {
    event.waitUntil(markActed(data.payload.inviteID).then(() => openApp(data.payload.inviteID, options)));
  }
  return true;
}

async function decline(payload: RingPushPayload, options: RingkitServiceWorkerOptions): Promise<void> {
  const serverUrl = (options.serverUrl ?? scope().location.origin).replace(/\/$/, '');
  await fetch(`${serverUrl}${DECLINE_PATH}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: payload.token }),
  }).catch(() => undefined);
}

/** Focuses a tab of the app (asking it to accept `inviteID`), or opens one. */
async function openApp(inviteID: string | undefined, options: RingkitServiceWorkerOptions): Promise<void> {
  const app = new URL(options.appUrl ?? scope().registration.scope, scope().registration.scope);
  if (inviteID !== undefined) {
    // Vouches for the accept the page will read from its URL (a crafted link has no record).
    const cache = await caches.open(ACCEPT_CACHE);
    await cache.put(acceptRecordUrl(app.origin, inviteID), new Response(String(Date.now())));
  }
  const windows = await scope().clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((w) => w.url.startsWith(app.origin + app.pathname)) ?? windows.find((w) => new URL(w.url).origin === app.origin);
  if (open) {
    if (inviteID !== undefined) open.postMessage({ type: ACCEPT_MESSAGE, inviteID });
    await open.focus().catch(() => undefined);
    return;
  }
  if (inviteID !== undefined) app.searchParams.set(ACCEPT_PARAM, inviteID);
  await scope().clients.openWindow(app.href);
}

/**
 * Handles `pushsubscriptionchange`: subscribes again with the same key when the browser did not,
 * and tells open tabs of the app, which store the new subscription (`syncPushRinging`); with no
 * tab open the app stores it the next time it starts, and the server forgets the old one when its
 * push service answers 410.
 * @example self.addEventListener('pushsubscriptionchange', (event) => handleRingkitSubscriptionChange(event))
 */
export function handleRingkitSubscriptionChange(event: {
  oldSubscription?: { options?: { applicationServerKey?: ArrayBuffer | null } } | null;
  newSubscription?: unknown;
  waitUntil(promise: Promise<unknown>): void;
}): void {
  const resubscribe = async () => {
    const key = event.oldSubscription?.options?.applicationServerKey;
    const registration = scope().registration as unknown as { pushManager?: { subscribe(options: object): Promise<unknown> } };
    if (!event.newSubscription && key && registration.pushManager) {
      await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }).catch(() => undefined);
    }
    for (const client of await scope().clients.matchAll({ type: 'window', includeUncontrolled: true })) client.postMessage({ type: SUBSCRIPTION_CHANGED_MESSAGE });
  };
  event.waitUntil(resubscribe());
}

/**
 * Adds the ringkit listeners (`push`, `notificationclick`, `pushsubscriptionchange`) to the
 * service worker; pushes and notifications that are not ringkit's are left to the app's own
 * listeners.
 * @example
 * // sw.js, registered by the app (bundled, or `navigator.serviceWorker.register('/sw.js', { type: 'module' })`)
 * import { installRingkitServiceWorker } from 'ringkit/service-worker'
 * installRingkitServiceWorker({ serverUrl: 'https://calls.example.com' })
 */
export function installRingkitServiceWorker(options: RingkitServiceWorkerOptions = {}): void {
  const self = scope();
  self.addEventListener('push', (event: PushEventLike) => void handleRingkitPush(event, options));
  self.addEventListener('notificationclick', (event: NotificationClickEventLike) => void handleRingkitNotificationClick(event, options));
  self.addEventListener('pushsubscriptionchange', (event: Parameters<typeof handleRingkitSubscriptionChange>[0]) => handleRingkitSubscriptionChange(event));
}
