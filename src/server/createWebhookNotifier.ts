import type { OfflinePush, PushNotifier } from '../engine/push.js';

/**
 * Options of the webhook push notifier.
 * @example createWebhookNotifier({ url, headers: { authorization: `Bearer ${key}` } })
 */
export interface WebhookNotifierOptions {
  url: string;
  /** Extra headers, e.g. an Authorization header for your push service. */
  headers?: Record<string, string>;
  /** Milliseconds before a POST is abandoned. Default 5000. */
  timeoutMs?: number;
}

/**
 * The default offline push notifier: POSTs each push as JSON to a URL (your bridge to APNs/FCM).
 * @example createRingkitServer({ pushNotifier: createWebhookNotifier({ url: 'https://push.example.com/ringkit' }) })
 */
export function createWebhookNotifier(options: WebhookNotifierOptions): PushNotifier {
  return {
    async notify(push: OfflinePush) {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: JSON.stringify(push),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      if (!response.ok) throw new Error(`push webhook answered ${response.status}`);
    },
  };
}
