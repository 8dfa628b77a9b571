/**
 * Web Push (docs/protocol.md, "Ringing a closed browser"): the subscription a device stores, the
 * encrypted payloads the server sends to a service worker, and the small pure helpers both sides
 * share (the push topic of an invitation, the call's media type).
 * @module
 */

/**
 * A Web Push subscription (`PushSubscriptionJSON` with its keys): what `setPushSubscription` stores.
 * @example const sub: PushSubscriptionData = { endpoint: 'https://fcm.googleapis.com/fcm/send/…', keys: { p256dh, auth } }
 */
export interface PushSubscriptionData {
  endpoint: string;
  expirationTime?: number | null;
  keys: { p256dh: string; auth: string };
}

/**
 * The query parameter that names an invitation to accept when the app's page opens from a
 * notification (`https://app.example.com/?ringkitAccept=<inviteID>`).
 * @example new URL(location.href).searchParams.get(ACCEPT_PARAM)
 */
export const ACCEPT_PARAM = 'ringkitAccept';

/**
 * The path of the decline endpoint on the server's HTTP listener.
 * @example await fetch(`${serverUrl}${DECLINE_PATH}`, { method: 'POST', body: JSON.stringify({ token }) })
 */
export const DECLINE_PATH = '/ringkit/push/decline';

/**
 * The push that rings: sent once per stored subscription of a user with no connected device.
 * @example if (payload.type === 'ring') showCall(payload.inviter, payload.media)
 */
export interface RingPushPayload {
  type: 'ring';
  inviteID: string;
  inviter: string;
  groupID?: string;
  /** From the invitation's data (`video: true` or `media: 'video'`); 'audio' otherwise. */
  media: 'audio' | 'video';
  /** Server time (ms) at which the user's ringing ends; null when the invitation never times out. */
  deadline: number | null;
  /** Server time (ms) the push was made at. */
  serverTime: number;
  /** `offlinePushInfo.title` / `.desc` of the invitation, when given (shortened to 200 characters). */
  title?: string;
  body?: string;
  /** A signed single-use token that declines this invitation for this user (`POST` it to `DECLINE_PATH`). */
  token: string;
}

/**
 * Why ringing stopped: `missed` (cancelled, timed out, caller gone), `answered` (the user accepted
 * or declined, on any device or from a notification), `ended` (the call ended).
 * @example const reason: StopRingingReason = 'missed'
 */
export type StopRingingReason = 'missed' | 'answered' | 'ended';

/**
 * The push that closes the ringing notification (same topic as the ring, so an undelivered ring
 * is replaced by it).
 * @example if (payload.type === 'stop') closeNotification(payload.inviteID)
 */
export interface StopPushPayload {
  type: 'stop';
  inviteID: string;
  inviter: string;
  reason: StopRingingReason;
  serverTime: number;
}

/**
 * Any ringkit push payload (JSON, encrypted with aes128gcm).
 * @example const payload = parsePushPayload(event.data?.text())
 */
export type RingkitPushPayload = RingPushPayload | StopPushPayload;

/**
 * Reads a push payload; undefined when the text is not a ringkit payload (another sender's push).
 * @example const payload = parsePushPayload('{"type":"stop","inviteID":"i1","inviter":"alice","reason":"missed","serverTime":1}')
 */
export function parsePushPayload(text: string | undefined | null): RingkitPushPayload | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<RingkitPushPayload> | null;
    if (!value || typeof value.inviteID !== 'string' || typeof value.inviter !== 'string') return undefined;
    if (value.type === 'ring' && typeof value.token === 'string') return value as RingPushPayload;
    if (value.type === 'stop') return value as StopPushPayload;
    return undefined;
  } catch {
    return undefined;
  }
}

/**
 * The media type of a call from its invitation data: `video` when the data is a JSON object with
 * `video: true` or `media: 'video'`, else `audio` (the rule `describeCall` uses).
 * @example callMediaOf('{"roomID":"r1","video":true}') // 'video'
 */
export function callMediaOf(data: string): 'audio' | 'video' {
  try {
    const value = JSON.parse(data) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'audio';
    const fields = value as Record<string, unknown>;
    return fields.video === true || fields.media === 'video' ? 'video' : 'audio';
  } catch {
    return 'audio';
  }
}

/**
 * The Web Push `Topic` of an invitation (at most 32 URL-safe characters): the inviteID when it is
 * short enough, else its first 21 characters and an 11-character hash of the whole ID.
 * @example pushTopicOf('Qm9iLWNhbGwtMTIzNDU2Nzg') // 'Qm9iLWNhbGwtMTIzNDU2Nzg'
 */
export function pushTopicOf(inviteID: string): string {
  if (inviteID.length <= 32 && /^[A-Za-z0-9_-]+$/.test(inviteID)) return inviteID;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  // Two 32-bit FNV-1a hashes with different seeds: 64 bits, written as 11 base64url characters.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < inviteID.length; i++) {
    const c = inviteID.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x01000193) >>> 0;
  }
  let bits = (BigInt(h1) << 32n) | BigInt(h2);
  let hash = '';
  for (let i = 0; i < 11; i++) {
    hash += alphabet[Number(bits & 63n)];
    bits >>= 6n;
  }
  return `${inviteID.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 21)}${hash}`;
}
