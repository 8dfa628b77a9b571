import type { SignalingClient } from '../SignalingClient.js';

/**
 * Where the helpers find the app's service worker: a registration you already have, or the URL
 * of the worker script to register (it must import `ringkit/service-worker`).
 * @example const options: PushRingingOptions = { vapidPublicKey, serviceWorkerUrl: '/sw.js' }
 */
export interface PushRingingOptions {
  /** The server's VAPID public key (base64url), as `ringkit-server vapid-keys` printed it. */
  vapidPublicKey: string;
  /** The worker script to register (default `/sw.js`), unless `registration` is given. */
  serviceWorkerUrl?: string;
  /** Options of `navigator.serviceWorker.register` (e.g. `{ type: 'module', scope: '/' }`). */
  registerOptions?: RegistrationOptions;
  /** A registration you made yourself. */
  registration?: ServiceWorkerRegistration;
}

/**
 * Whether this browser can ring while the tab is closed (service workers, Push API and
 * notifications). False on iOS/iPadOS Safari unless the app runs installed on the home screen.
 * @example if (pushRingingSupported()) showRingWhenClosedSwitch()
 */
export function pushRingingSupported(): boolean {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator && typeof window !== 'undefined' && 'PushManager' in window && 'Notification' in window;
}

/** The app's registration: the one given, else the worker registered (once) and ready. */
async function registrationOf(options: Partial<PushRingingOptions>): Promise<ServiceWorkerRegistration> {
  if (options.registration) return options.registration;
  await navigator.serviceWorker.register(options.serviceWorkerUrl ?? '/sw.js', options.registerOptions);
  return navigator.serviceWorker.ready;
}

/** base64url → the bytes `applicationServerKey` takes. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function sameKey(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.byteLength) return false;
  const view = new Uint8Array(a);
  return view.every((byte, i) => byte === b[i]);
}

/**
 * Turns on ringing while the tab is closed: asks for notification permission (only now, as the
 * app calls it — call it from a click), registers the worker, subscribes with the server's VAPID
 * key and stores the subscription for this device (`client.setPushSubscription`). Rejects when
 * the user refuses permission or the browser cannot subscribe.
 * @example await enablePushRinging(client, { vapidPublicKey, serviceWorkerUrl: '/sw.js' })
 */
export async function enablePushRinging(client: SignalingClient, options: PushRingingOptions): Promise<PushSubscription> {
  if (!pushRingingSupported()) throw new Error('this browser cannot ring while the tab is closed (no service worker or Push API)');
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission !== 'granted') throw new Error('notifications are not allowed for this site');
  const registration = await registrationOf(options);
  const key = keyBytes(options.vapidPublicKey);
  let subscription = await registration.pushManager.getSubscription();
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  await client.setPushSubscription(subscription);
  return subscription;
}

/**
 * Turns it off (e.g. at sign-out, while still connected): removes this device's subscription
 * from the server and unsubscribes the browser, so nothing rings here for the next user.
 * @example await disablePushRinging(client); client.disconnect()
 */
export async function disablePushRinging(client: SignalingClient, options: Partial<PushRingingOptions> = {}): Promise<void> {
  if (client.connectionState === 'connected') await client.setPushSubscription(null).catch(() => undefined);
  if (!pushRingingSupported()) return;
  const registration = options.registration ?? (await navigator.serviceWorker.getRegistration());
  const subscription = await registration?.pushManager.getSubscription();
  await subscription?.unsubscribe();
}

/**
 * Stores the browser's current subscription again, if it has one and notifications are allowed
 * (at startup, and when the worker says the subscription changed); resolves with whether
 * ringing while closed is on. Never asks for permission.
 * @example client.on('connectionStateChanged', (e) => e.state === 'connected' && void syncPushRinging(client))
 */
export async function syncPushRinging(client: SignalingClient, options: Partial<PushRingingOptions> = {}): Promise<boolean> {
  if (!pushRingingSupported() || Notification.permission !== 'granted') return false;
  const registration = options.registration ?? (await navigator.serviceWorker.getRegistration(options.registerOptions?.scope));
  const subscription = await registration?.pushManager.getSubscription();
  if (!subscription) return false;
  await client.setPushSubscription(subscription);
  return true;
}
