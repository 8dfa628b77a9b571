import { randomUUID } from 'node:crypto';
import { Agent } from 'node:https';
import { decodeJwt, importJWK, jwtVerify } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import { createMemoryStorage } from '../../src/engine/memory/createMemoryStorage.js';
import type { RingkitStorage } from '../../src/engine/storage.js';
import { DECLINE_PATH, pushTopicOf, type RingPushPayload, type StopPushPayload } from '../../src/protocol/push.js';
import { generateVapidKeys, type RingkitServer, type WebPushOptions } from '../../src/server/index.js';
import { redisServerOptions } from '../../src/server/redis/redisServerOptions.js';
import { createDeclineTokens } from '../../src/server/webPush/declineTokens.js';
import { startFakePushService, testCertificate, type ReceivedPush } from '../support/fakePushService.js';
import { connectClient, startServer, until } from '../support/harness.js';
import { spawnRingkitServer } from '../support/spawnRingkitServer.js';

const keys = generateVapidKeys();
const SUBJECT = 'mailto:ops@ringkit.test';

/** The server's `webPush` option for the fake push service (its certificate trusted through an agent). */
function webPushOption(extra: Partial<WebPushOptions> = {}): WebPushOptions {
  return {
    vapidPublicKey: keys.publicKey,
    vapidPrivateKey: keys.privateKey,
    subject: SUBJECT,
    allowedEndpointHosts: ['127.0.0.1'],
    agent: new Agent({ ca: testCertificate().cert }),
    ...extra,
  };
}

async function startPushServer(storage: RingkitStorage = createMemoryStorage(), extra: Partial<WebPushOptions> = {}) {
  const server = await startServer({ storage, webPush: webPushOption(extra), allowedOrigins: ['https://app.ringkit.test'] });
  return { server, storage };
}

/** A user who stored one subscription per named device, then closed every tab. */
async function subscribedThenGone(server: { url: string }, service: Awaited<ReturnType<typeof startFakePushService>>, userID: string, devices: string[]) {
  for (const deviceID of devices) {
    const client = await connectClient(server, userID, { deviceID });
    await client.setPushSubscription(service.subscription(`${userID}-${deviceID}`).json);
    client.disconnect();
  }
}

/** Checks the VAPID `Authorization` header: `vapid t=<JWT for the endpoint's origin>, k=<our public key>`. */
async function expectVapid(push: ReceivedPush, origin: string) {
  const match = /^vapid t=([^,]+), k=(.+)$/.exec(String(push.headers.authorization));
  expect(match, String(push.headers.authorization)).not.toBeNull();
  expect(match![2]).toBe(keys.publicKey);
  const point = Buffer.from(keys.publicKey, 'base64url');
  const key = await importJWK({ kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') }, 'ES256');
  const { payload } = await jwtVerify(match![1]!, key, { audience: origin });
  expect(payload.sub).toBe(SUBJECT);
}

async function decline(server: { url: string }, token: unknown, origin?: string) {
  const response = await fetch(`${server.url}${DECLINE_PATH}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(origin && { Origin: origin }) },
    body: JSON.stringify({ token }),
  });
  return { status: response.status, body: (await response.json()) as { ok: boolean; error?: { code: string } }, headers: response.headers };
}

describe('Web Push: ringing a closed browser', () => {
  it('rings every stored subscription of an offline invitee: encrypted, VAPID-signed, TTL = remaining seconds, high urgency, topic per invitation', async () => {
    const service = await startFakePushService();
    const { server } = await startPushServer();
    await subscribedThenGone(server, service, 'bob', ['laptop', 'phone']);
    const alice = await connectClient(server, 'alice');

    const { inviteID, invitation } = await alice.invite('bob', { timeout: 30, data: JSON.stringify({ roomID: 'r1', video: true }), offlinePushInfo: { title: 'Alice', desc: 'Video call' } });
    await until(() => service.received.length === 2, 5000, 'two ring pushes');
    expect(service.failures).toEqual([]);
    expect(service.received.map((p) => p.name).sort()).toEqual(['bob-laptop', 'bob-phone']);
    const deadline = invitation.users[0]!.deadline!;
    for (const push of service.received) {
      expect(push.headers['content-encoding']).toBe('aes128gcm');
      expect(push.headers.urgency).toBe('high');
      expect(push.headers.topic).toBe(pushTopicOf(inviteID));
      expect(push.headers.topic!.length).toBeLessThanOrEqual(32);
      const ttl = Number(push.headers.ttl);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(30);
      await expectVapid(push, service.origin);
      const payload = push.payload as RingPushPayload;
      expect(payload).toMatchObject({ type: 'ring', inviteID, inviter: 'alice', media: 'video', deadline, title: 'Alice', body: 'Video call' });
      // The TTL is what is left of the ringing when the push was made.
      expect(ttl).toBe(Math.ceil((deadline - payload.serverTime) / 1000));
      expect(decodeJwt(payload.token)).toMatchObject({ sub: 'bob', inv: inviteID });
    }
  });

  it('sends a second push with the same topic that closes the notification when the caller cancels', async () => {
    const service = await startFakePushService();
    const { server } = await startPushServer();
    await subscribedThenGone(server, service, 'bob', ['laptop']);
    const alice = await connectClient(server, 'alice');
    const { inviteID } = await alice.invite('bob', { timeout: 30 });
    await until(() => service.received.length === 1, 5000, 'the ring');
    expect(service.received[0]!.payload).toMatchObject({ type: 'ring', media: 'audio' });

    await alice.cancel(inviteID);
    await until(() => service.received.length === 2, 5000, 'the stop push');
    const stop = service.received[1]!;
    expect(stop.payload).toMatchObject({ type: 'stop', inviteID, inviter: 'alice', reason: 'missed' } satisfies Partial<StopPushPayload>);
    expect(stop.headers.topic).toBe(service.received[0]!.headers.topic);
    expect(stop.headers.urgency).toBe('high');
    expect(service.failures).toEqual([]);
  });

  it('closes the notification when the ringing times out, and when the user answers on a device that connected since', async () => {
    const service = await startFakePushService();
    const { server } = await startPushServer();
    await subscribedThenGone(server, service, 'bob', ['laptop']);
    const alice = await connectClient(server, 'alice');
    const { inviteID: first } = await alice.invite('bob', { timeout: 1 });
    await until(() => service.received.length === 2, 5000, 'ring and stop');
    expect(service.received.map((p) => [p.payload.type, p.payload.inviteID, (p.payload as StopPushPayload).reason])).toEqual([
      ['ring', first, undefined],
      ['stop', first, 'missed'],
    ]);

    const { inviteID: second } = await alice.invite('bob', { timeout: 30 });
    await until(() => service.received.length === 3, 5000, 'the second ring');
    const phone = await connectClient(server, 'bob', { deviceID: 'phone' });
    await phone.next('invitationReceived', (e) => e.inviteID === second);
    await phone.accept(second);
    await until(() => service.received.length === 4, 5000, 'the stop after the answer');
    expect(service.received[3]!.payload).toMatchObject({ type: 'stop', inviteID: second, reason: 'answered' });
  });

  it('sends nothing while the invitee has a connected device, nor for onlineUserOnly invitations', async () => {
    const service = await startFakePushService();
    const { server } = await startPushServer();
    const carol = await connectClient(server, 'carol', { deviceID: 'desk' });
    await carol.setPushSubscription(service.subscription('carol-desk').json);
    await subscribedThenGone(server, service, 'bob', ['laptop']);
    const alice = await connectClient(server, 'alice');

    const { inviteID } = await alice.invite('carol', { timeout: 30 });
    await carol.next('invitationReceived', (e) => e.inviteID === inviteID);
    await alice.cancel(inviteID);
    await alice.invite('bob', { timeout: 30, onlineUserOnly: true }).catch(() => undefined);
    // A later ring to bob proves a push for either would have arrived by now.
    const { inviteID: marker } = await alice.invite('bob', { timeout: 30 });
    await until(() => service.received.some((p) => p.payload.inviteID === marker), 5000, 'the marker ring');
    await alice.cancel(marker);
    await until(() => service.received.length === 2, 5000, 'the marker stop');
    expect(service.received.map((p) => [p.name, p.payload.type, p.payload.inviteID])).toEqual([
      ['bob-laptop', 'ring', marker],
      ['bob-laptop', 'stop', marker],
    ]);
  });

  it('forgets a subscription its push service answers 410 Gone (or 404), and keeps the others', async () => {
    const service = await startFakePushService();
    const { server, storage } = await startPushServer();
    await subscribedThenGone(server, service, 'bob', ['laptop', 'phone', 'tablet']);
    service.answer('bob-laptop', 410);
    service.answer('bob-tablet', 404);
    const alice = await connectClient(server, 'alice');
    await alice.invite('bob', { timeout: 30 });
    await until(() => service.received.length === 3, 5000, 'three ring attempts');
    await expect.poll(async () => (await storage.pushSubscriptionsOf!('bob')).map((s) => s.deviceID)).toEqual(['phone']);

    const { inviteID } = await alice.invite('bob', { timeout: 30 });
    await until(() => service.received.some((p) => p.payload.inviteID === inviteID), 5000, 'the next ring');
    expect(service.received.filter((p) => p.payload.inviteID === inviteID).map((p) => p.name)).toEqual(['bob-phone']);
  });

  it('stores only endpoints on the allow-list, validates the subscription, and removes this device’s subscription with null', async () => {
    const service = await startFakePushService();
    const { server, storage } = await startPushServer();
    const bob = await connectClient(server, 'bob', { deviceID: 'laptop' });
    const good = service.subscription('bob-laptop').json;
    const refused = (sub: unknown) => bob.setPushSubscription(sub as never).then(() => 'stored', (err: { code: string }) => err.code);

    expect(await refused({ ...good, endpoint: 'https://evil.example.com/push/1' })).toBe('INVALID_PARAMETER');
    expect(await refused({ ...good, endpoint: good.endpoint.replace('https:', 'http:') })).toBe('INVALID_PARAMETER');
    expect(await refused({ ...good, endpoint: 'https://user:pw@127.0.0.1/push/x' })).toBe('INVALID_PARAMETER');
    expect(await refused({ endpoint: good.endpoint })).toBe('INVALID_PARAMETER');
    expect(await refused({ ...good, keys: { p256dh: 'not base64!', auth: good.keys.auth } })).toBe('INVALID_PARAMETER');
    expect(await storage.pushSubscriptionsOf!('bob')).toEqual([]);

    expect(await refused(good)).toBe('stored');
    expect((await storage.pushSubscriptionsOf!('bob')).map((s) => [s.deviceID, s.subscription])).toEqual([['laptop', { endpoint: good.endpoint, keys: good.keys }]]);
    await bob.setPushSubscription(null);
    expect(await storage.pushSubscriptionsOf!('bob')).toEqual([]);

    const plain = await startServer();
    const dave = await connectClient(plain, 'dave');
    expect(await dave.setPushSubscription(good).then(() => 'stored', (err: { code: string }) => err.code)).toBe('NO_PERMISSION');
  });

  it('checks the allow-list again at every push: a subscription stored under a wider list gets nothing', async () => {
    const service = await startFakePushService();
    const storage = createMemoryStorage();
    await storage.putPushSubscription!('bob', { deviceID: 'old', subscription: service.subscription('bob-old').json, updatedAt: 1 }, 10);
    await storage.putPushSubscription!('bob', { deviceID: 'new', subscription: service.subscription('bob-new', 'localhost').json, updatedAt: 2 }, 10);
    const { server } = await startPushServer(storage, { allowedEndpointHosts: ['localhost'] });
    const alice = await connectClient(server, 'alice');
    await alice.invite('bob', { timeout: 30 });
    await until(() => service.received.length === 1, 5000, 'the ring to the allowed host');
    await new Promise((r) => setTimeout(r, 300));
    expect(service.received.map((p) => p.name)).toEqual(['bob-new']);
  });

  it('the default allow-list takes the browsers’ push services and nothing else', async () => {
    const { server } = await startPushServer(createMemoryStorage(), { allowedEndpointHosts: undefined });
    const bob = await connectClient(server, 'bob');
    const keys = { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', auth: 'tBHItJI5svbpez7KI4CCXg' };
    const tryHost = (endpoint: string) => bob.setPushSubscription({ endpoint, keys }).then(() => true, () => false);
    expect(await tryHost('https://fcm.googleapis.com/fcm/send/abc')).toBe(true);
    expect(await tryHost('https://updates.push.services.mozilla.com/wpush/v2/abc')).toBe(true);
    expect(await tryHost('https://web.push.apple.com/QGx')).toBe(true);
    expect(await tryHost('https://wns2-par02p.notify.windows.com/w/?token=abc')).toBe(true);
    expect(await tryHost('https://127.0.0.1/push/x')).toBe(false);
    expect(await tryHost('https://fcm.googleapis.com.evil.example/x')).toBe(false);
    expect(await tryHost('https://notify.windows.com.evil.example/x')).toBe(false);
  });
});

describe('Web Push: the decline endpoint', () => {
  /** Bob, offline, rung by alice; resolves with the ring's token. */
  async function rungBob(server: RingkitServer, service: Awaited<ReturnType<typeof startFakePushService>>) {
    await subscribedThenGone(server, service, 'bob', ['laptop']);
    const alice = await connectClient(server, 'alice');
    const { inviteID } = await alice.invite(['bob', 'carol'], { timeout: 30 });
    await until(() => service.received.some((p) => p.payload.inviteID === inviteID), 5000, 'the ring');
    const ring = service.received.find((p) => p.payload.inviteID === inviteID)!.payload as RingPushPayload;
    return { alice, inviteID, token: ring.token };
  }

  it('a ring’s token declines the invitation for that user once, answering CORS for an allowed origin', async () => {
    const service = await startFakePushService();
    const { server } = await startPushServer();
    const { alice, inviteID, token } = await rungBob(server, service);

    const preflight = await fetch(`${server.url}${DECLINE_PATH}`, { method: 'OPTIONS', headers: { Origin: 'https://app.ringkit.test', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.ringkit.test');

    const first = await decline(server, token, 'https://app.ringkit.test');
    expect(first).toMatchObject({ status: 200, body: { ok: true } });
    expect(first.headers.get('access-control-allow-origin')).toBe('https://app.ringkit.test');
    const rejected = await alice.next('inviteeRejected', (e) => e.inviteID === inviteID);
    expect(rejected).toMatchObject({ invitee: 'bob', data: '{"reason":"decline"}' });
    expect(alice.getInvitation(inviteID)!.users.find((u) => u.userID === 'carol')!.state).toBe('inviting');
    // The notification on bob's other browsers closes.
    await until(() => service.received.some((p) => p.payload.type === 'stop' && p.payload.inviteID === inviteID), 5000, 'the stop push');
    expect(service.received.find((p) => p.payload.type === 'stop')!.payload).toMatchObject({ reason: 'answered' });

    const reused = await decline(server, token);
    expect(reused).toMatchObject({ status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED' } } });
  });

  it('also takes the token as a bearer header, a query parameter or the whole body', async () => {
    const service = await startFakePushService();
    const { server } = await startPushServer();
    await subscribedThenGone(server, service, 'bob', ['laptop']);
    await subscribedThenGone(server, service, 'carol', ['laptop']);
    await subscribedThenGone(server, service, 'dave', ['laptop']);
    const alice = await connectClient(server, 'alice');
    const { inviteID } = await alice.invite(['bob', 'carol', 'dave'], { timeout: 30 });
    await until(() => service.received.length === 3, 5000, 'three rings');
    const tokenOf = (name: string) => (service.pushesFor(name)[0]!.payload as RingPushPayload).token;
    const post = (init: RequestInit, query = '') => fetch(`${server.url}${DECLINE_PATH}${query}`, { method: 'POST', ...init }).then((r) => r.status);
    expect(await post({ headers: { Authorization: `Bearer ${tokenOf('bob-laptop')}` } })).toBe(200);
    expect(await post({}, `?token=${tokenOf('carol-laptop')}`)).toBe(200);
    expect(await post({ body: tokenOf('dave-laptop') })).toBe(200);
    await until(() => alice.getInvitation(inviteID)?.state === 'ended', 5000, 'everyone declined');
  });

  it('refuses a forged user, an expired token, garbage and a foreign origin, and changes nothing', async () => {
    const service = await startFakePushService();
    const { server } = await startPushServer();
    const { alice, inviteID, token } = await rungBob(server, service);

    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'carol' })).toString('base64url')}.${signature}`;
    expect(await decline(server, forged)).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });

    const tokens = createDeclineTokens(keys.privateKey);
    const expired = await tokens.sign('bob', inviteID, Date.now() - 1000);
    expect(await decline(server, expired)).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    const otherKeys = createDeclineTokens(generateVapidKeys().privateKey);
    expect(await decline(server, await otherKeys.sign('bob', inviteID, Date.now() + 30_000))).toMatchObject({ status: 401 });

    expect(await decline(server, undefined)).toMatchObject({ status: 400, body: { error: { code: 'INVALID_PARAMETER' } } });
    const garbage = await fetch(`${server.url}${DECLINE_PATH}`, { method: 'POST', body: 'not json' });
    expect(garbage.status).toBe(400);
    expect((await fetch(`${server.url}${DECLINE_PATH}`)).status).toBe(405);
    const foreign = await decline(server, token, 'https://evil.example.com');
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    // A valid token for a user who is not pending any more: the invitation's state decides.
    const carolToken = await tokens.sign('carol', inviteID, Date.now() + 30_000);
    expect(await decline(server, carolToken)).toMatchObject({ status: 200 });
    const again = await tokens.sign('carol', inviteID, Date.now() + 30_000);
    expect(await decline(server, again)).toMatchObject({ status: 409, body: { error: { code: 'INVALID_STATE' } } });
    const stranger = await tokens.sign('mallory', inviteID, Date.now() + 30_000);
    expect(await decline(server, stranger)).toMatchObject({ status: 404, body: { error: { code: 'INVITATION_NOT_FOUND' } } });

    // Bob is still ringing: none of the refused requests touched him; his own token still works.
    expect(alice.getInvitation(inviteID)!.users.find((u) => u.userID === 'bob')!.state).toBe('inviting');
    expect(await decline(server, token)).toMatchObject({ status: 200 });
    // The server still serves socket.io next to the route.
    await connectClient(server, 'erin');
  });
});

describe('Web Push across nodes (Redis storage)', () => {
  it('rings once and stops once in a cluster, and a token is single-use on every node', async () => {
    const url = inject('redisUrl');
    const keyPrefix = `webpush:${randomUUID()}:`;
    const service = await startFakePushService();
    const nodes: RingkitServer[] = [];
    for (let i = 0; i < 2; i++) {
      const redis = await redisServerOptions(url, { onError: () => {}, keyPrefix });
      nodes.push(await startServer({ ...redis, webPush: webPushOption() }));
    }
    const [a, b] = nodes as [RingkitServer, RingkitServer];
    await subscribedThenGone(b, service, 'bob', ['laptop']);
    await subscribedThenGone(a, service, 'bob', ['phone']);
    const alice = await connectClient(a, 'alice');
    const dave = await connectClient(b, 'dave');

    const { inviteID } = await alice.invite('bob', { timeout: 30 });
    await until(() => service.received.length === 2, 5000, 'two rings');
    await alice.cancel(inviteID);
    await until(() => service.received.length === 4, 5000, 'two stops');
    // A later ring and its stop prove no duplicate was still on its way.
    const { inviteID: second } = await dave.invite('bob', { timeout: 30 });
    await until(() => service.received.length === 6, 5000, 'the second rings');
    const token = (service.received.find((p) => p.payload.inviteID === second)!.payload as RingPushPayload).token;
    expect(await decline(a, token)).toMatchObject({ status: 200 });
    expect(await decline(b, token)).toMatchObject({ status: 401 });
    await dave.next('inviteeRejected', (e) => e.inviteID === second);
    await until(() => service.received.length === 8, 5000, 'the second stops');
    await new Promise((r) => setTimeout(r, 200));
    expect(service.received.map((p) => `${p.name} ${p.payload.type} ${p.payload.inviteID === inviteID ? 1 : 2}`).sort()).toEqual([
      'bob-laptop ring 1',
      'bob-laptop ring 2',
      'bob-laptop stop 1',
      'bob-laptop stop 2',
      'bob-phone ring 1',
      'bob-phone ring 2',
      'bob-phone stop 1',
      'bob-phone stop 2',
    ]);
    expect(service.failures).toEqual([]);
  });
});

describe('Web Push from the command line', () => {
  it('`ringkit-server vapid-keys` prints a key pair, and the VAPID variables turn Web Push on (push service trusted through NODE_EXTRA_CA_CERTS)', async () => {
    const generated = await spawnCli(['vapid-keys']);
    const publicKey = /RINGKIT_VAPID_PUBLIC_KEY=(\S+)/.exec(generated)![1]!;
    const privateKey = /RINGKIT_VAPID_PRIVATE_KEY=(\S+)/.exec(generated)![1]!;
    expect(Buffer.from(publicKey, 'base64url')).toHaveLength(65);
    expect(Buffer.from(privateKey, 'base64url')).toHaveLength(32);

    const service = await startFakePushService();
    const node = await spawnRingkitServer(['--dev', '--push-endpoint-host', '127.0.0.1'], {
      RINGKIT_VAPID_PUBLIC_KEY: publicKey,
      RINGKIT_VAPID_PRIVATE_KEY: privateKey,
      RINGKIT_VAPID_SUBJECT: SUBJECT,
      NODE_EXTRA_CA_CERTS: testCertificate().certFile,
    });
    await subscribedThenGone(node, service, 'bob', ['laptop']);
    const alice = await connectClient(node, 'alice');
    const { inviteID } = await alice.invite('bob', { timeout: 30 });
    await until(() => service.received.length === 1, 10_000, 'the ring through the CLI server');
    expect(service.received[0]!.payload).toMatchObject({ type: 'ring', inviteID });
    expect(String(service.received[0]!.headers.authorization)).toContain(`k=${publicKey}`);
  });
});

/** Runs the CLI with arguments and resolves with what it printed. */
async function spawnCli(args: string[]): Promise<string> {
  const { execFile } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const cli = fileURLToPath(new URL('../../src/server/cli.ts', import.meta.url));
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--import', 'tsx', cli, ...args], (err, stdout) => (err ? reject(err) : resolve(stdout))),
  );
}
