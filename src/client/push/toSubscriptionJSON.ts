/**
 * A push subscription as the browser gives it: a `PushSubscription` (anything with `toJSON`) or
 * its JSON form `{ endpoint, expirationTime?, keys: { p256dh, auth } }`.
 * @example const input: PushSubscriptionInput = { endpoint: 'https://fcm.googleapis.com/fcm/send/x', keys: { p256dh, auth } }
 */
export type PushSubscriptionInput =
  | { toJSON(): { endpoint?: string; expirationTime?: number | null; keys?: Record<string, string> } }
  | { endpoint?: string; expirationTime?: number | null; keys?: Record<string, string> };

/**
 * The JSON form of a push subscription, as the server stores it.
 * @example await transport.request('session:pushSubscription', { subscription: toSubscriptionJSON(subscription) }, 10_000)
 */
export function toSubscriptionJSON(input: PushSubscriptionInput): unknown {
  const json = 'toJSON' in input && typeof input.toJSON === 'function' ? input.toJSON() : input;
  return JSON.parse(JSON.stringify(json)) as unknown;
}
