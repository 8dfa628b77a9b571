import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createSignalingClient, type RingkitError } from '../../src/index.js';
import { connectClient, startServer, until } from '../support/harness.js';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const codeOf = async (p: Promise<unknown>) => (await p.then(() => 'resolved', (e: RingkitError) => e.code)) as string;

/** An HS256 token for `sub`, expiring `expiresIn` from now (seconds, may be negative). */
function hs256(sub: string | undefined, expiresInSeconds = 3600, secret = SECRET) {
  const jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds);
  if (sub !== undefined) jwt.setSubject(sub);
  return jwt.sign(new TextEncoder().encode(secret));
}

describe('JWT authentication (HS256)', () => {
  it('a valid token signs in as its sub, and the call works end to end', async () => {
    const server = await startServer({ auth: { jwt: { secret: SECRET } } });
    const alice = await connectClient(server, 'alice', { token: await hs256('alice') });
    const bob = await connectClient(server, 'bob', { token: await hs256('bob') });
    expect(alice.userID).toBe('alice');
    expect(alice.connectionState).toBe('connected');

    const { inviteID, invitation } = await alice.invite('bob', { timeout: 30 });
    expect(invitation.inviter).toBe('alice');
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
  });

  it('refuses a missing token, a bad signature, an expired token, a token without sub and garbage', async () => {
    const server = await startServer({ auth: { jwt: { secret: SECRET } } });
    const tokens = {
      'bad signature': await hs256('mallory', 3600, 'another-secret-of-some-considerable-length'),
      expired: await hs256('alice', -60),
      'no sub': await hs256(undefined),
      garbage: 'not.a.jwt',
      'alg none': `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"alice"}').toString('base64url')}.`,
    };
    for (const [what, token] of Object.entries(tokens)) {
      const client = await connectClient(server, 'x', { token, connect: false });
      expect(await codeOf(client.connect()), what).toBe('UNAUTHENTICATED');
      expect(client.connectionState, what).toBe('disconnected');
      expect(await codeOf(client.queryInvitations({ count: 1 })), what).toBe('NOT_CONNECTED');
    }

    // No token at all, and a dev-style userID, are not trusted when JWT is configured.
    const anonymous = createSignalingClient({ url: server.url });
    const pretender = createSignalingClient({ url: server.url, userID: 'alice' });
    try {
      expect(await codeOf(anonymous.connect())).toBe('UNAUTHENTICATED');
      expect(await codeOf(pretender.connect())).toBe('UNAUTHENTICATED');
    } finally {
      anonymous.disconnect();
      pretender.disconnect();
    }
  });

  it('a token that expires while connected ends the session: the client ends up disconnected', async () => {
    const server = await startServer({ auth: { jwt: { secret: SECRET } } });
    const alice = await connectClient(server, 'alice', { token: await hs256('alice', 2) });
    expect(alice.connectionState).toBe('connected');

    const change = await alice.next('connectionStateChanged', (e) => e.state === 'disconnected', 8000);
    expect(change.error?.code).toBe('UNAUTHENTICATED');
    expect(alice.connectionState).toBe('disconnected');
    expect(await codeOf(alice.invite('bob'))).toBe('NOT_CONNECTED');
    // The server dropped the device too: nobody named alice is connected.
    await until(() => [...server.io.sockets.sockets.values()].every((s) => (s.data.session as { userID: string }).userID !== 'alice'));
  });
});

describe('JWT authentication (RS256)', () => {
  it('accepts tokens signed with the private key of the configured public key, and nothing else', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const other = await generateKeyPair('RS256');
    const server = await startServer({ auth: { jwt: { publicKey: await exportSPKI(publicKey) } } });
    const sign = (key: CryptoKey, sub: string, alg = 'RS256') =>
      new SignJWT({}).setProtectedHeader({ alg }).setSubject(sub).setExpirationTime('1h').sign(key);

    const alice = await connectClient(server, 'alice', { token: await sign(privateKey, 'alice') });
    expect(alice.connectionState).toBe('connected');
    expect(alice.userID).toBe('alice');

    const forged = await connectClient(server, 'x', { token: await sign(other.privateKey, 'alice'), connect: false });
    expect(await codeOf(forged.connect())).toBe('UNAUTHENTICATED');
    // An HS256 token is not accepted by an RS256 server (no algorithm confusion).
    const confused = await connectClient(server, 'x', { token: await hs256('alice'), connect: false });
    expect(await codeOf(confused.connect())).toBe('UNAUTHENTICATED');
    const expired = await connectClient(server, 'x', {
      token: await new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).setSubject('alice').setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(privateKey),
      connect: false,
    });
    expect(await codeOf(expired.connect())).toBe('UNAUTHENTICATED');
  });
});

describe('other authentication modes', () => {
  it('an authenticate hook decides who connects', async () => {
    const server = await startServer({
      auth: {
        authenticate: (handshake) => {
          if (handshake.auth.token === 'let-bob-in') return 'bob';
          throw new Error('who are you?');
        },
      },
    });
    const bob = await connectClient(server, 'bob', { token: 'let-bob-in' });
    expect(bob.userID).toBe('bob');
    const stranger = await connectClient(server, 'x', { token: 'wrong', connect: false });
    expect(await codeOf(stranger.connect())).toBe('UNAUTHENTICATED');
  });

  it('dev mode must be switched on explicitly and says so in the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    await startServer({ auth: { dev: true }, logger: pino({ level: 'info' }, sink) });
    const warning = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).find((l) => /dev/i.test(l.msg));
    expect(warning).toBeDefined();
    expect(warning!.level).toBeGreaterThanOrEqual(40);

    await expect(startServer({ auth: {} })).rejects.toThrow();
  });
});
