/**
 * What the ringkit service worker and the app's pages say to each other: the message that asks an
 * open tab to accept, the one that says the push subscription changed, and the cache record with
 * which the worker vouches for an accept named in a page's URL.
 * @module
 */

/**
 * `postMessage` type from the worker to a tab: accept `inviteID`.
 * @example navigator.serviceWorker.addEventListener('message', (e) => e.data?.type === ACCEPT_MESSAGE && accept(e.data.inviteID))
 */
export const ACCEPT_MESSAGE = 'ringkit:accept';

/**
 * `postMessage` type from the worker to a tab: the browser replaced the push subscription.
 * @example if (event.data?.type === SUBSCRIPTION_CHANGED_MESSAGE) void syncPushRinging(client)
 */
export const SUBSCRIPTION_CHANGED_MESSAGE = 'ringkit:pushSubscriptionChanged';

/**
 * The Cache Storage cache in which the worker records the accepts it asked for.
 * @example const cache = await caches.open(ACCEPT_CACHE)
 */
export const ACCEPT_CACHE = 'ringkit-push';

/** How long a recorded accept stays valid (the time for the page to open and connect). */
export const ACCEPT_RECORD_MS = 120_000;

/**
 * The cache key of an accept record.
 * @example await cache.put(acceptRecordUrl(location.origin, inviteID), new Response(String(Date.now())))
 */
export function acceptRecordUrl(origin: string, inviteID: string): string {
  return `${origin}/__ringkit/accept/${encodeURIComponent(inviteID)}`;
}

/**
 * The cache key of the worker's note that the user acted on a call's notification in this browser
 * (so the stop push only closes it).
 * @example await cache.delete(actedRecordUrl(self.location.origin, inviteID))
 */
export function actedRecordUrl(origin: string, inviteID: string): string {
  return `${origin}/__ringkit/acted/${encodeURIComponent(inviteID)}`;
}
