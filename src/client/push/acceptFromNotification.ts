import { ACCEPT_PARAM } from '../../protocol/push.js';
import type { SignalingClient } from '../SignalingClient.js';
import { ACCEPT_CACHE, ACCEPT_MESSAGE, ACCEPT_RECORD_MS, acceptRecordUrl } from './pushMessages.js';

/**
 * Options of `acceptFromNotification`.
 * @example acceptFromNotification(client, { onAccepted: (id) => openCall(id), onError: (err) => toast(err.message) })
 */
export interface AcceptFromNotificationOptions {
  /** Called after the invitation was accepted. */
  onAccepted?(inviteID: string): void;
  /** Called when accepting failed (e.g. the call stopped ringing meanwhile: INVALID_STATE). */
  onError?(error: unknown, inviteID: string): void;
}

/**
 * Accepts the call the user accepted on a notification, once the client is connected: the one a
 * freshly opened page names in its URL (`?ringkitAccept=<inviteID>`, honoured only when the
 * ringkit service worker recorded that accept in the last two minutes, so a crafted link cannot
 * answer a call), and the ones the worker asks an open tab to accept. Removes the parameter from
 * the address bar. Returns the function that stops listening. Does nothing outside a browser.
 * @example const stop = acceptFromNotification(client)
 */
export function acceptFromNotification(client: SignalingClient, options: AcceptFromNotificationOptions = {}): () => void {
  if (typeof window === 'undefined' || typeof location === 'undefined') return () => undefined;
  const queue: string[] = [];
  let stopped = false;

  const accept = (inviteID: string) => {
    client.accept(inviteID).then(
      () => options.onAccepted?.(inviteID),
      (error: unknown) => options.onError?.(error, inviteID),
    );
  };
  const flush = () => {
    if (client.connectionState !== 'connected') return;
    for (const inviteID of queue.splice(0)) accept(inviteID);
  };
  const enqueue = (inviteID: string) => {
    if (stopped) return;
    queue.push(inviteID);
    flush();
  };

  const url = new URL(location.href);
  const named = url.searchParams.get(ACCEPT_PARAM);
  if (named) {
    url.searchParams.delete(ACCEPT_PARAM);
    history.replaceState(history.state, '', url.href);
    void vouched(named).then((ok) => ok && enqueue(named));
  }

  const onMessage = (event: MessageEvent) => {
    const data = event.data as { type?: unknown; inviteID?: unknown } | null;
    if (data?.type === ACCEPT_MESSAGE && typeof data.inviteID === 'string') void vouched(data.inviteID).then((ok) => ok && enqueue(data.inviteID as string));
  };
  const worker = typeof navigator !== 'undefined' && 'serviceWorker' in navigator ? navigator.serviceWorker : undefined;
  worker?.addEventListener('message', onMessage);
  const off = client.on('connectionStateChanged', flush);
  return () => {
    stopped = true;
    off();
    worker?.removeEventListener('message', onMessage);
  };
}

/** Whether the worker recorded this accept lately (and forgets the record: it is used once). */
async function vouched(inviteID: string): Promise<boolean> {
  if (typeof caches === 'undefined') return false;
  const cache = await caches.open(ACCEPT_CACHE);
  const key = acceptRecordUrl(location.origin, inviteID);
  const record = await cache.match(key);
  if (!record) return false;
  await cache.delete(key);
  const at = Number(await record.text());
  return Number.isFinite(at) && Date.now() - at < ACCEPT_RECORD_MS;
}
