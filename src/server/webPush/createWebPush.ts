import type { Agent } from 'node:https';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Engine } from '../../engine/createEngine.js';
import type { EngineLogger } from '../../engine/EngineLogger.js';
import type { StopRingingReason, WebPushRinger } from '../../engine/push.js';
import type { RingkitStorage, StoredPushSubscription } from '../../engine/storage.js';
import { RingkitError, type RingkitErrorCode } from '../../protocol/errors.js';
import { callMediaOf, DECLINE_PATH, pushTopicOf, type RingPushPayload, type StopPushPayload } from '../../protocol/push.js';
import { isPending, type Invitation } from '../../protocol/types.js';
import { normalizeOrigin, type AllowedOrigins } from '../createOriginCheck.js';
import { createDeclineTokens } from './declineTokens.js';
import { DEFAULT_PUSH_SERVICE_HOSTS, isAllowedEndpoint } from './pushServiceHosts.js';

/**
 * The `webPush` option of `createRingkitServer`: VAPID keys (make a pair with
 * `ringkit-server vapid-keys`) and where pushes may go.
 * @example const webPush: WebPushOptions = { vapidPublicKey, vapidPrivateKey, subject: 'mailto:ops@example.com' }
 */
export interface WebPushOptions {
  /** The VAPID public key (base64url, 65 bytes uncompressed P-256): the browser subscribes with it. */
  vapidPublicKey: string;
  /** The VAPID private key (base64url, 32 bytes). Keep it secret: it also signs the decline tokens. */
  vapidPrivateKey: string;
  /** Who runs this server, for the push services: `mailto:you@example.com` or an `https:` URL. */
  subject: string;
  /** Hosts a subscription's endpoint may point at (`*.` = any subdomain). Default `DEFAULT_PUSH_SERVICE_HOSTS`. */
  allowedEndpointHosts?: readonly string[];
  /** The `https.Agent` for requests to push services (a proxy, or your own CA). */
  agent?: Agent;
  /** Milliseconds to wait for a push service. Default 10000. */
  requestTimeoutMs?: number;
}

/** Ringing time of an invitation that never times out (timeout 0): one hour. */
const NO_DEADLINE_MS = 3_600_000;
/** How long a stop push waits at the push service for an offline browser: one day. */
const STOP_TTL_SECONDS = 86_400;
/** The "rang" marker outlives the ringing by this much, so a stop at the deadline still finds it. */
const MARK_MARGIN_MS = 600_000;
const MAX_TEXT = 200;
const MAX_BODY_BYTES = 8192;

const rangKey = (inviteID: string, userID: string) => `webpush:rang:${inviteID}\u0000${userID}`;
const tokenKey = (tokenID: string) => `webpush:token:${tokenID}`;

type WebPushModule = typeof import('web-push');

/**
 * Web Push for a server: the engine's ringer (encrypts with aes128gcm, signs with VAPID, sends
 * one push per stored subscription, forgets a subscription its push service answers 404/410) and
 * the decline endpoint (`POST /ringkit/push/decline` with a ring's token).
 * @example
 * const webPush = await createWebPush(options.webPush, { storage, logger })
 * const engine = createEngine({ ..., webPush: webPush.ringer })
 * webPush.attach(engine, httpServer, allowedOrigins)
 */
export async function createWebPush(options: WebPushOptions, deps: { storage: RingkitStorage; logger: EngineLogger; now?: () => number }) {
  const { storage, logger } = deps;
  const now = deps.now ?? Date.now;
  if (!storage.putPushSubscription || !storage.removePushSubscriptions || !storage.pushSubscriptionsOf || !storage.markOnce || !storage.takeMark) {
    throw new Error('ringkit: webPush needs a storage with the Web Push methods (the memory and Redis storages have them)');
  }
  const store = storage as Required<RingkitStorage>;
  const webpush: WebPushModule = (await import('web-push')).default;
  const vapidDetails = { subject: options.subject, publicKey: options.vapidPublicKey, privateKey: options.vapidPrivateKey };
  // Fails now, with web-push's own message, on a malformed key or subject.
  webpush.getVapidHeaders('https://fcm.googleapis.com', options.subject, options.vapidPublicKey, options.vapidPrivateKey, 'aes128gcm');
  const tokens = createDeclineTokens(options.vapidPrivateKey);
  const allowed = isAllowedEndpoint(options.allowedEndpointHosts ?? DEFAULT_PUSH_SERVICE_HOSTS);
  /** Rings still being sent, so a stop goes out after them. */
  const ringing = new Map<string, Promise<void>>();

  /** Sends one push; forgets the subscription on 404/410. */
  async function send(userID: string, stored: StoredPushSubscription, payload: object, ttlSeconds: number, inviteID: string): Promise<void> {
    // Stored under an older, wider allow-list: not sent (the list is checked again at every push).
    if (!allowed(stored.subscription.endpoint)) return;
    try {
      await webpush.sendNotification(stored.subscription, JSON.stringify(payload), {
        vapidDetails,
        TTL: ttlSeconds,
        urgency: 'high',
        topic: pushTopicOf(inviteID),
        contentEncoding: 'aes128gcm',
        timeout: options.requestTimeoutMs ?? 10_000,
        ...(options.agent && { agent: options.agent }),
      });
    } catch (err) {
      const status = (err as { statusCode?: unknown }).statusCode;
      if (status === 404 || status === 410) {
        await store.removePushSubscriptions(userID, { endpoint: stored.subscription.endpoint });
        logger.info({ userID, status }, 'web push subscription expired: forgotten');
        return;
      }
      logger.warn({ err, userID, inviteID, status }, 'web push failed');
    }
  }

  async function ring(userID: string, invitation: Invitation, info = invitation.offlinePushInfo): Promise<void> {
    const user = invitation.users.find((u) => u.userID === userID);
    if (!user || !isPending(user.state)) return;
    const at = now();
    const deadline = user.deadline ?? null;
    const endsAt = deadline ?? at + NO_DEADLINE_MS;
    if (endsAt <= at) return;
    const subscriptions = await store.pushSubscriptionsOf(userID);
    if (subscriptions.length === 0) return;
    await store.markOnce(rangKey(invitation.inviteID, userID), endsAt - at + MARK_MARGIN_MS);
    const payload: RingPushPayload = {
      type: 'ring',
      inviteID: invitation.inviteID,
      inviter: invitation.inviter,
      ...(invitation.groupID !== undefined && { groupID: invitation.groupID }),
      media: callMediaOf(invitation.data),
      deadline,
      serverTime: at,
      ...(info?.title && { title: info.title.slice(0, MAX_TEXT) }),
      ...(info?.desc && { body: info.desc.slice(0, MAX_TEXT) }),
      token: await tokens.sign(userID, invitation.inviteID, endsAt),
    };
    const ttl = Math.max(1, Math.ceil((endsAt - at) / 1000));
    await Promise.all(subscriptions.map((s) => send(userID, s, payload, ttl, invitation.inviteID)));
  }

  async function stopOne(userID: string, invitation: Invitation, reason: StopRingingReason): Promise<void> {
    if (!(await store.takeMark(rangKey(invitation.inviteID, userID)))) return;
    await ringing.get(rangKey(invitation.inviteID, userID));
    const payload: StopPushPayload = { type: 'stop', inviteID: invitation.inviteID, inviter: invitation.inviter, reason, serverTime: now() };
    const subscriptions = await store.pushSubscriptionsOf(userID);
    await Promise.all(subscriptions.map((s) => send(userID, s, payload, STOP_TTL_SECONDS, invitation.inviteID)));
  }

  const ringer: WebPushRinger = {
    isAllowedEndpoint: allowed,
    ring(userID, invitation, offlinePushInfo) {
      const key = rangKey(invitation.inviteID, userID);
      const task = ring(userID, invitation, offlinePushInfo).finally(() => {
        if (ringing.get(key) === task) ringing.delete(key);
      });
      ringing.set(key, task);
      return task;
    },
    async stop(userIDs, invitation, reason) {
      await Promise.all(userIDs.map((userID) => stopOne(userID, invitation, reason)));
    },
  };

  /**
   * Declines an invitation for the user a token names: the token must verify, not be expired,
   * and not have been used before (on any node).
   */
  async function decline(token: unknown, engine: Engine): Promise<void> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) throw new RingkitError('INVALID_PARAMETER', 'token: a decline token is required');
    const claims = await tokens.verify(token).catch(() => {
      throw new RingkitError('UNAUTHENTICATED', 'the decline token is invalid or has expired');
    });
    if (!(await store.markOnce(tokenKey(claims.tokenID), Math.max(1, claims.expiresAt - now()) + 60_000))) {
      throw new RingkitError('UNAUTHENTICATED', 'the decline token was already used');
    }
    const session = { userID: claims.userID, deviceID: 'web-push', connectionID: `web-push:${claims.tokenID}` };
    const ack = await new Promise<{ ok: boolean; error?: { code: string; message: string } }>((resolve) => {
      void engine.execute(session, 'invitation:reject', { inviteID: claims.inviteID, data: '{"reason":"decline"}', requestID: `push:${claims.tokenID}` }, resolve);
    });
    if (!ack.ok) throw RingkitError.from(ack.error!);
  }

  return {
    ringer,
    /** Serves the decline endpoint on the server's HTTP listener (before any other handler). */
    attach(engine: Engine, httpServer: HttpServer, allowedOrigins: AllowedOrigins): void {
      const origins = allowedOrigins === '*' ? undefined : new Set(allowedOrigins.map(normalizeOrigin));
      const handle = (req: IncomingMessage, res: ServerResponse) => {
        const origin = req.headers.origin;
        const originAllowed = origin === undefined || origins === undefined || origins.has(normalizeOrigin(origin));
        const headers: Record<string, string> = { 'Content-Type': 'application/json', Vary: 'Origin' };
        if (origin !== undefined && originAllowed) {
          headers['Access-Control-Allow-Origin'] = origin;
          headers['Access-Control-Allow-Methods'] = 'POST, OPTIONS';
          headers['Access-Control-Allow-Headers'] = 'Content-Type, Authorization';
          headers['Access-Control-Max-Age'] = '600';
        }
        const answer = (status: number, body: object) => res.writeHead(status, headers).end(JSON.stringify(body));
        if (!originAllowed) return answer(403, { ok: false, error: { code: 'NO_PERMISSION', message: 'origin not allowed' } });
        if (req.method === 'OPTIONS') return res.writeHead(204, headers).end();
        if (req.method !== 'POST') return answer(405, { ok: false, error: { code: 'INVALID_PARAMETER', message: 'use POST' } });
        let raw = '';
        let tooLarge = false;
        req.setEncoding('utf8');
        req.on('data', (chunk: string) => {
          raw += chunk;
          if (raw.length > MAX_BODY_BYTES) (tooLarge = true), req.destroy();
        });
        req.on('end', () => {
          if (tooLarge) return;
          decline(tokenOf(req, raw), engine).then(
            () => answer(200, { ok: true }),
            (err: unknown) => {
              const error = err instanceof RingkitError ? err : new RingkitError('INTERNAL', 'internal error');
              if (error.code === 'INTERNAL') logger.error({ err }, 'push decline failed');
              answer(HTTP_STATUS[error.code] ?? 500, { ok: false, error: error.toJSON() });
            },
          );
        });
      };
      routeBefore(httpServer, DECLINE_PATH, handle);
    },
  };
}

/**
 * The token of a decline request: JSON `{ "token": "…" }` (what the service worker sends), else
 * `Authorization: Bearer …`, a `?token=` query parameter, or a body that is the token itself.
 */
function tokenOf(req: IncomingMessage, raw: string): unknown {
  const body = raw.trim();
  if (body.startsWith('{')) {
    try {
      return (JSON.parse(body) as { token?: unknown } | null)?.token;
    } catch {
      return undefined;
    }
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer) return bearer;
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
  if (query) return query;
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(body) ? body : undefined;
}

const HTTP_STATUS: Partial<Record<RingkitErrorCode, number>> = {
  INVALID_PARAMETER: 400,
  UNAUTHENTICATED: 401,
  NO_PERMISSION: 403,
  INVITATION_NOT_FOUND: 404,
  INVALID_STATE: 409,
  RATE_LIMITED: 429,
};

/**
 * Serves `path` on an HTTP server before its other `request` listeners (which keep everything
 * else), as socket.io does for its own path.
 */
function routeBefore(httpServer: HttpServer, path: string, handle: (req: IncomingMessage, res: ServerResponse) => void): void {
  const others = httpServer.listeners('request').slice(0) as ((req: IncomingMessage, res: ServerResponse) => void)[];
  httpServer.removeAllListeners('request');
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname === path) return handle(req, res);
    for (const listener of others) listener.call(httpServer, req, res);
  });
}
