import { createServer } from 'node:http';
import { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { generateVapidKeys } from '../../src/server/index.js';
import type { RingPushPayload } from '../../src/protocol/push.js';
import { chromiumLaunchOptions } from '../support/chromiumLaunchOptions.js';
import { startFakePushService, testCertificate } from '../support/fakePushService.js';
import { connectClient, startServer, until, type TestClient } from '../support/harness.js';

/**
 * The browser side of Web Push in real Chromium. Headless Chromium has no push service
 * (`pushManager.subscribe` fails), so the server rings a fake push service, the test decrypts
 * what it got, and delivers that payload to the page's service worker through the DevTools
 * protocol (`ServiceWorker.deliverPushMessage`) — the worker then runs as it would for a real push.
 */

const keys = generateVapidKeys();
let browser: Browser;
let app: { origin: string; close(): Promise<void> };

/** Bundles the test app (page and worker) and serves it on 127.0.0.1 (a secure context). */
async function startApp() {
  const bundle = async (entry: string, format: 'esm' | 'iife') => {
    const result = await build({ entryPoints: [fileURLToPath(new URL(entry, import.meta.url))], bundle: true, format, write: false, platform: 'browser', target: 'chrome120', logLevel: 'silent' });
    return result.outputFiles[0]!.text;
  };
  const files: Record<string, [string, string]> = {
    '/index.html': ['text/html', '<!doctype html><title>ringkit push test</title><script type="module" src="/page.js"></script>'],
    '/page.js': ['text/javascript', await bundle('./fixtures/page.ts', 'esm')],
    '/sw.js': ['text/javascript', await bundle('./fixtures/sw.ts', 'iife')],
  };
  const http = createServer((req, res) => {
    const file = files[(req.url ?? '/').split('?')[0]!];
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': file[0] }).end(file[1]);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => (http.closeAllConnections(), http.close(() => resolve()))),
  };
}

beforeAll(async () => {
  app = await startApp();
  browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

interface Setup {
  server: { url: string };
  alice: TestClient;
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  registrationId: string;
  /** Has alice invite bob (offline) and delivers the decrypted ring to the worker; resolves with it. */
  ring(): Promise<RingPushPayload>;
  deliver(payload: object): Promise<void>;
  /** The shown notifications, read once the worker has handled every push delivered so far. */
  notifications(): Promise<{ title: string; body: string; tag: string; requireInteraction: boolean; actions: { action: string; title: string }[] }[]>;
}

async function setup(): Promise<Setup> {
  const service = await startFakePushService();
  const server = await startServer({
    webPush: { vapidPublicKey: keys.publicKey, vapidPrivateKey: keys.privateKey, subject: 'mailto:ops@ringkit.test', allowedEndpointHosts: ['127.0.0.1'], agent: new Agent({ ca: testCertificate().cert }) },
  });
  // Bob's subscription (the fake service's, whose keys the test holds) is stored, then his tab closes.
  const bobLaptop = await connectClient(server, 'bob', { deviceID: 'browser' });
  await bobLaptop.setPushSubscription(service.subscription('bob').json);
  bobLaptop.disconnect();
  const alice = await connectClient(server, 'alice');

  const context = await browser.newContext();
  await context.grantPermissions(['notifications'], { origin: app.origin });
  const page = await context.newPage();
  await page.goto(`${app.origin}/index.html?server=${encodeURIComponent(server.url)}`);
  const cdp = await context.newCDPSession(page);
  const registered = new Promise<string>((resolve) =>
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const mine = registrations.find((r) => r.scopeURL.startsWith(app.origin) && !r.isDeleted);
      if (mine) resolve(mine.registrationId);
    }),
  );
  await cdp.send('ServiceWorker.enable');
  await page.evaluate(() => (window as unknown as { registerWorker(): Promise<string> }).registerWorker());
  const registrationId = await registered;

  let delivered = 0;
  const deliver = async (payload: object) => {
    delivered++;
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: app.origin, registrationId, data: JSON.stringify(payload) });
  };
  /**
   * The worker's shown notifications, as `registration.getNotifications()` reports them (asked in
   * the worker: the page may be closed), once every push delivered so far has been handled: the
   * push event's lifetime (its `waitUntil`) covers the notification it shows. Never while a push is
   * being handled: Chromium's getNotifications() running during a showNotification() deletes the
   * record of the notification being shown, and it is then missing from every later read.
   */
  const notifications = async () => {
    const worker = context.serviceWorkers()[0];
    if (!worker) throw new Error('no service worker');
    return worker.evaluate(async (pushes) => {
      const self = globalThis as unknown as { registration: { getNotifications(): Promise<Notification[]> }; __pushesDone(pushes: number): Promise<void> };
      await self.__pushesDone(pushes);
      return (await self.registration.getNotifications()).map((n) => ({
        title: n.title,
        body: n.body,
        tag: n.tag,
        requireInteraction: n.requireInteraction,
        actions: (n as unknown as { actions: { action: string; title: string }[] }).actions.map((a) => ({ action: a.action, title: a.title })),
      }));
    }, delivered);
  };
  onTestFailed(async () => {
    const seen = await context.serviceWorkers()[0]?.evaluate(() => (globalThis as unknown as { __seen: { pushes: string[]; errors: string[] } }).__seen).catch((e: unknown) => String(e));
    console.error(`service worker saw: ${JSON.stringify(seen)}; workers ${context.serviceWorkers().length}`);
  });
  return {
    server,
    alice,
    context,
    page,
    cdp,
    registrationId,
    deliver,
    notifications,
    async ring() {
      const before = service.received.length;
      await alice.invite('bob', { timeout: 60, data: JSON.stringify({ roomID: 'r1', video: true }) });
      await until(() => service.received.length > before, 15_000, 'the ring at the push service');
      const payload = service.received[before]!.payload as RingPushPayload;
      await deliver(payload);
      return payload;
    },
  };
}

/** The worker's test seam: runs the click handler on the shown notification; resolves with the URLs it opened. */
async function click(context: BrowserContext, tag: string, action: string): Promise<string[]> {
  const [worker] = context.serviceWorkers();
  return worker!.evaluate(
    ([t, a]) => (globalThis as unknown as { __ringkitTestClick(tag: string, action: string): Promise<string[]> }).__ringkitTestClick(t, a),
    [tag, action] as const,
  );
}

describe('the ringkit service worker in Chromium', { timeout: 60_000 }, () => {
  it('shows the ring as a notification (tag, actions, caller, body by media), and the stop push replaces it with a quiet note', async () => {
    const s = await setup();
    const ring = await s.ring();
    expect(await s.notifications()).toHaveLength(1);
    const [shown] = await s.notifications();
    expect(shown).toEqual({
      title: 'alice',
      body: 'Incoming video call',
      tag: ring.inviteID,
      requireInteraction: true,
      actions: [
        { action: 'accept', title: 'Accept' },
        { action: 'decline', title: 'Decline' },
      ],
    });
    console.log(`notification as getNotifications() reports it: ${JSON.stringify(shown)}`);

    // Answered on another device: the ring is replaced by a quiet note (every push shows something).
    await s.deliver({ type: 'stop', inviteID: ring.inviteID, inviter: 'alice', reason: 'answered', serverTime: Date.now() });
    expect(await s.notifications()).toEqual([
      { title: 'alice', body: 'Answered on another device', tag: ring.inviteID, requireInteraction: false, actions: [] },
    ]);

    // Missed: the ringing notification is replaced by a quiet "Missed call" (no actions).
    const second = await s.ring();
    expect((await s.notifications()).map((n) => n.tag).sort()).toEqual([ring.inviteID, second.inviteID].sort());
    await s.deliver({ type: 'stop', inviteID: second.inviteID, inviter: 'alice', reason: 'missed', serverTime: Date.now() });
    expect((await s.notifications()).filter((n) => n.tag === second.inviteID)).toEqual([
      { title: 'alice', body: 'Missed call', tag: second.inviteID, requireInteraction: false, actions: [] },
    ]);
    await s.context.close();
  });

  it('Decline posts the token to the server, which rejects the invitation for bob', async () => {
    const s = await setup();
    const ring = await s.ring();
    expect(await s.notifications()).toHaveLength(1);
    expect(await click(s.context, ring.inviteID, 'decline')).toEqual([]);
    const rejected = await s.alice.next('inviteeRejected', (e) => e.inviteID === ring.inviteID, 15_000);
    expect(rejected).toMatchObject({ invitee: 'bob', data: '{"reason":"decline"}' });
    expect(await s.notifications()).toEqual([]);
    // The server's stop for the call declined here only closes (nothing to say about it).
    await s.deliver({ type: 'stop', inviteID: ring.inviteID, inviter: 'alice', reason: 'answered', serverTime: Date.now() });
    const { inviteID: marker } = await s.alice.invite('bob', { timeout: 60 });
    await s.deliver({ type: 'stop', inviteID: marker, inviter: 'alice', reason: 'ended', serverTime: Date.now() });
    expect((await s.notifications()).map((n) => [n.tag, n.body])).toEqual([[marker, 'Call ended']]);
    await s.context.close();
  });

  it('Accept with a tab of the app open: the worker tells that tab, which accepts once connected', async () => {
    const s = await setup();
    const ring = await s.ring();
    expect(await s.notifications()).toHaveLength(1);
    expect(await click(s.context, ring.inviteID, 'accept')).toEqual([]); // focused, nothing opened
    await s.page.evaluate(() => (window as unknown as { connectBob(): Promise<void> }).connectBob());
    const accepted = await s.alice.next('inviteeAccepted', (e) => e.inviteID === ring.inviteID, 15_000);
    expect(accepted).toMatchObject({ invitee: 'bob', deviceID: 'browser' });
    // The page hears its own answer after alice may have heard it.
    await expect.poll(() => s.page.evaluate(() => (window as unknown as { accepted: string[] }).accepted), { timeout: 15_000 }).toEqual([ring.inviteID]);
    await s.context.close();
  });

  it('Accept (or a click on the body) with no tab open: the worker opens the app naming the call, and the page accepts it; a crafted link does not', async () => {
    const s = await setup();
    const ring = await s.ring();
    expect(await s.notifications()).toHaveLength(1);
    await s.page.close();
    const opened = await click(s.context, ring.inviteID, '');
    expect(opened).toEqual([`${app.origin}/?ringkitAccept=${ring.inviteID}`]);

    // A link naming another ringing call, which the worker never vouched for, is not accepted.
    const { inviteID: other } = await s.alice.invite('bob', { timeout: 60 });
    const crafted = await s.context.newPage();
    await crafted.goto(`${app.origin}/index.html?server=${encodeURIComponent(s.server.url)}&ringkitAccept=${other}`);
    await crafted.evaluate(() => (window as unknown as { connectBob(): Promise<void> }).connectBob());
    expect(new URL(crafted.url()).searchParams.has('ringkitAccept')).toBe(false);
    await crafted.close();

    const url = new URL(opened[0]!);
    const page = await s.context.newPage();
    await page.goto(`${app.origin}/index.html?server=${encodeURIComponent(s.server.url)}&ringkitAccept=${url.searchParams.get('ringkitAccept')}`);
    await page.evaluate(() => (window as unknown as { connectBob(): Promise<void> }).connectBob());
    await s.alice.next('inviteeAccepted', (e) => e.inviteID === ring.inviteID, 15_000);
    expect(new URL(page.url()).searchParams.has('ringkitAccept')).toBe(false);
    expect(s.alice.getInvitation(other)!.users[0]!.state).not.toBe('accepted');
    expect(s.alice.seen('inviteeAccepted').map((e) => e.inviteID)).toEqual([ring.inviteID]);
    await s.context.close();
  });
});
