import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSignalingClient, type RingkitError } from '../../src/index.js';
import { idSchema } from '../../src/protocol/schemas.js';
import { setLongTimeout } from '../../src/server/setLongTimeout.js';
import { connectClient, startServer, until } from '../support/harness.js';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const key = new TextEncoder().encode(SECRET);
const nowSeconds = () => Math.floor(Date.now() / 1000);
const codeOf = async (p: Promise<unknown>) => (await p.then(() => 'resolved', (e: RingkitError) => e.code)) as string;

/** Defect 7 of issue 13: the JWT defaults were loose. */
describe('auth defaults', () => {
  afterEach(() => void vi.useRealTimers());

  it('refuses a token without exp and a token issued a year ahead; accepts a few seconds of clock skew', async () => {
    const server = await startServer({ auth: { jwt: { secret: SECRET } } });
    const noExp = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setIssuedAt().sign(key);
    const future = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('alice')
      .setIssuedAt(nowSeconds() + 365 * 86_400).setExpirationTime(nowSeconds() + 366 * 86_400).sign(key);
    const skewed = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('alice')
      .setIssuedAt(nowSeconds() + 10).setExpirationTime('1h').sign(key);
    for (const [what, token] of [['no exp', noExp], ['iat a year ahead', future]] as const) {
      const client = await connectClient(server, 'x', { token, connect: false });
      expect(await codeOf(client.connect()), what).toBe('UNAUTHENTICATED');
    }
    const alice = await connectClient(server, 'alice', { token: skewed });
    expect(alice.connectionState).toBe('connected');
  });

  it('refuses userIDs with C1 controls or bidi overrides, in tokens and in dev mode', async () => {
    for (const id of ['ali\u0085ce', 'ali\u009bce', 'evil\u202Egnp.exe', 'a\u2066b', 'a\u200Fb', 'tab\there']) {
      expect(idSchema.safeParse(id).success, JSON.stringify(id)).toBe(false);
    }
    expect(idSchema.safeParse('Zoë 李').success).toBe(true);

    const jwtServer = await startServer({ auth: { jwt: { secret: SECRET } } });
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('adm\u202Enim').setExpirationTime('1h').sign(key);
    const byToken = await connectClient(jwtServer, 'x', { token, connect: false });
    expect(await codeOf(byToken.connect())).toBe('UNAUTHENTICATED');

    const devServer = await startServer();
    const byDev = await connectClient(devServer, 'bob\u0080', { connect: false });
    expect(await codeOf(byDev.connect())).toBe('UNAUTHENTICATED');
  });

  it('a session longer than 24.8 days is not cut at 2^31 ms (setLongTimeout chains the delay)', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fired = vi.fn();
    const at = Date.now() + 30 * 86_400_000;
    setLongTimeout(fired, at);
    vi.advanceTimersByTime(2 ** 31); // where a plain setTimeout would have fired (or fired at once)
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(at - Date.now() - 1);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);

    const cancelled = vi.fn();
    const cancel = setLongTimeout(cancelled, Date.now() + 40 * 86_400_000);
    vi.advanceTimersByTime(2 ** 31);
    cancel();
    vi.advanceTimersByTime(40 * 86_400_000);
    expect(cancelled).not.toHaveBeenCalled();
  });

  it('when the session expires, a client with a token function comes back with a fresh token', async () => {
    const server = await startServer({ auth: { jwt: { secret: SECRET } } });
    let minted = 0;
    const token = () => {
      minted += 1;
      const lifetime = minted === 1 ? 2 : 3600; // the first token expires while connected
      return new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setIssuedAt().setExpirationTime(nowSeconds() + lifetime).sign(key);
    };
    const alice = createSignalingClient({ url: server.url, token });
    const states: string[] = [];
    alice.on('connectionStateChanged', (e) => states.push(e.state));
    try {
      await alice.connect();
      await until(() => minted >= 2 && alice.connectionState === 'connected', 10_000, 'a reconnect with a fresh token');
      expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
      const bobToken = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('bob').setExpirationTime('1h').sign(key);
      const bob = await connectClient(server, 'bob', { token: bobToken });
      const { inviteID } = await alice.invite('bob');
      await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    } finally {
      alice.disconnect();
    }
  });
});
