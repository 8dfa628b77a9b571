import { execFileSync } from 'node:child_process';
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { Agent, createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createSignalingClient, type SignalingClient } from 'ringkit';
import { createRingkitServer, generateVapidKeys } from 'ringkit/server';
import { summarize, type Summary } from './stats.js';

/** What the Web Push bench measured (ms). */
export interface WebPushResult {
  /** invite → all `subscriptions` ring pushes arrived at a local HTTPS push service (encrypt, VAPID, TLS). */
  inviteToPushes: Summary;
  /** Baseline: invite → the built-in webhook notifier's POST arrived at a local HTTP receiver. */
  inviteToWebhook: Summary;
  /** The inviter's acknowledgement with Web Push on (an offline invitee with `subscriptions` subscriptions). */
  inviteAckWithPush: Summary;
  /** Baseline: the same acknowledgement on a server without Web Push. */
  inviteAckWithout: Summary;
  subscriptions: number;
}

/**
 * Ringing a closed browser, in this process: one server with Web Push (bob offline with
 * `subscriptions` stored subscriptions at a local HTTPS push service) and one with the webhook
 * notifier; samples interleaved. Shows what a ring costs beyond a plain webhook, and that the
 * inviter's answer does not wait for the pushes.
 * @example const r = await measureWebPush(50, 3)
 */
export async function measureWebPush(samples: number, subscriptions: number): Promise<WebPushResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ringkit-bench-push-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
  const [key, cert] = [readFileSync(join(dir, 'k.pem')), readFileSync(join(dir, 'c.pem'))];
  rmSync(dir, { recursive: true, force: true });

  let arrived = 0;
  let onArrival = () => {};
  const count = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(201).end();
      arrived++;
      onArrival();
    });
  };
  const pushService = createHttpsServer({ key, cert }, count);
  const webhook = createHttpServer(count);
  await Promise.all([pushService, webhook].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))));
  const port = (s: { address(): unknown }) => (s.address() as AddressInfo).port;

  const keys = generateVapidKeys();
  const logger = pino({ level: 'silent' });
  const withPush = await createRingkitServer({
    port: 0,
    auth: { dev: true },
    logger,
    limits: { requestsPerSecond: 10_000 },
    webPush: { vapidPublicKey: keys.publicKey, vapidPrivateKey: keys.privateKey, subject: 'mailto:bench@ringkit.test', allowedEndpointHosts: ['127.0.0.1'], agent: new Agent({ ca: cert, keepAlive: true }) },
  });
  const withWebhook = await createRingkitServer({ port: 0, auth: { dev: true }, logger, limits: { requestsPerSecond: 10_000 }, webhookUrl: `http://127.0.0.1:${port(webhook)}/hook` });
  const connect = async (url: string, userID: string, deviceID: string) => {
    const client = createSignalingClient({ url, userID, deviceID });
    await client.connect();
    return client;
  };
  for (let i = 0; i < subscriptions; i++) {
    const bob = await connect(withPush.url, 'bob', `device-${i}`);
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    await bob.setPushSubscription({ endpoint: `https://127.0.0.1:${port(pushService)}/push/${i}`, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') } });
    bob.disconnect();
  }
  const alicePush = await connect(withPush.url, 'alice', 'a1');
  const aliceHook = await connect(withWebhook.url, 'alice', 'a2');

  /** Resolves once `target` requests have arrived in all. */
  const arrivedAt = (target: number) =>
    new Promise<void>((resolve) => {
      onArrival = () => arrived >= target && resolve();
      onArrival();
    });
  /** One invite to offline bob: ack time, and time until `expected` requests arrived; then the cancel and its `stops` closing pushes. */
  const sample = async (alice: SignalingClient, expected: number, stops: number, options: { offlinePushInfo?: { desc: string } }) => {
    const target = arrived + expected;
    const done = arrivedAt(target);
    const start = performance.now();
    const { inviteID } = await alice.invite('bob', { timeout: 30, ...options });
    const ack = performance.now() - start;
    await done;
    const total = performance.now() - start;
    await alice.cancel(inviteID);
    await arrivedAt(target + stops);
    return { ack, total };
  };

  const result = { inviteToPushes: [] as number[], inviteToWebhook: [] as number[], inviteAckWithPush: [] as number[], inviteAckWithout: [] as number[] };
  for (let i = 0; i < samples + 5; i++) {
    const push = await sample(alicePush, subscriptions, subscriptions, {});
    const hook = await sample(aliceHook, 1, 0, { offlinePushInfo: { desc: 'Call' } });
    if (i < 5) continue; // warm-up
    result.inviteToPushes.push(push.total);
    result.inviteAckWithPush.push(push.ack);
    result.inviteToWebhook.push(hook.total);
    result.inviteAckWithout.push(hook.ack);
  }
  alicePush.disconnect();
  aliceHook.disconnect();
  await Promise.all([withPush.close(), withWebhook.close()]);
  for (const s of [pushService, webhook]) s.closeAllConnections(), s.close();
  return {
    inviteToPushes: summarize(result.inviteToPushes),
    inviteToWebhook: summarize(result.inviteToWebhook),
    inviteAckWithPush: summarize(result.inviteAckWithPush),
    inviteAckWithout: summarize(result.inviteAckWithout),
    subscriptions,
  };
}
