import { SignJWT } from 'jose';
import { io, type Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { connectClient, startServer } from '../support/harness.js';

/**
 * Issue 13: hostile input on the wire. While one attacker after another tries everything below,
 * a probe (alice calls bob, bob answers) keeps calling and must never fail; the server must not
 * crash, and every refusal is a clear error. The floods end with the attacker's connection
 * closed or refused, not with the server busy (defect 2).
 */
const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const ORIGIN = 'https://app.example.com';
const key = new TextEncoder().encode(SECRET);
const now = () => Math.floor(Date.now() / 1000);

function token(sub: string, edit: (jwt: SignJWT) => SignJWT = (j) => j, secret = key) {
  return edit(new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuer('ringkit-test').setAudience('app').setIssuedAt().setExpirationTime('1h')).sign(secret);
}

type Ack = { ok: boolean; error?: { code: string; message: string } };

describe('hostile input on the wire', () => {
  it('0 crashes, clear errors, and a probe user who keeps calling throughout never fails', async () => {
    const server = await startServer({ auth: { jwt: { secret: SECRET, issuer: 'ringkit-test', audience: 'app' } }, allowedOrigins: [ORIGIN] });
    const alice = await connectClient(server, 'alice', { token: await token('alice') });
    const bob = await connectClient(server, 'bob', { token: await token('bob') });

    // The probe: a full call every few milliseconds for as long as the attacks last.
    let attacking = true;
    const probe = { calls: 0, failures: [] as string[] };
    const probing = (async () => {
      while (attacking) {
        try {
          const { inviteID } = await alice.invite('bob', { timeout: 30 });
          await bob.accept(inviteID);
          probe.calls++;
        } catch (error) {
          probe.failures.push(String(error));
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    })();

    const open = async (auth: Record<string, unknown>, origin?: string): Promise<Socket | string> => {
      const socket = io(server.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth, ...(origin && { extraHeaders: { origin } }) });
      return new Promise((resolve) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', (err: Error & { data?: { code?: string } }) => (socket.disconnect(), resolve(`refused: ${err.data?.code ?? err.message}`)));
      });
    };
    const ask = (s: Socket, name: string, ...args: unknown[]) => s.timeout(5000).emitWithAck(name, ...args).catch((e: Error) => ({ ok: false, error: { code: 'NO_ACK', message: e.message } })) as Promise<Ack>;

    // 1. Credentials: alg none, wrong signature, audience, issuer, expired, not yet valid, issued in the future, no exp.
    const header = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const badTokens: Record<string, string> = {
      'alg none': `${header({ alg: 'none' })}.${header({ sub: 'alice', iss: 'ringkit-test', aud: 'app', exp: now() + 3600 })}.`,
      'wrong signature': await token('alice', (j) => j, new TextEncoder().encode('another-secret-that-is-long-enough!!')),
      'wrong audience': await token('alice', (j) => j.setAudience('other')),
      'wrong issuer': await token('alice', (j) => j.setIssuer('evil')),
      expired: await token('alice', (j) => j.setExpirationTime(now() - 60)),
      'not yet valid': await token('alice', (j) => j.setNotBefore(now() + 3600)),
      'issued in the future': await token('alice', (j) => j.setIssuedAt(now() + 86_400)),
      'no exp': await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setIssuer('ringkit-test').setAudience('app').sign(key),
      'not a string': 42 as unknown as string,
    };
    for (const [what, bad] of Object.entries(badTokens)) expect(await open({ token: bad }), what).toBe('refused: UNAUTHENTICATED');
    // 2. A handshake from a disallowed Origin (a valid token does not help).
    expect(await open({ token: await token('mallory') }, 'https://evil.example')).toMatch(/^refused/);

    // 3. Junk on a valid connection: unknown events, wrong types, missing fields, prototype keys, deep nesting, binary, huge strings.
    const mallory = (await open({ token: await token('mallory') }, ORIGIN)) as Socket;
    let deep: unknown = 'leaf';
    for (let i = 0; i < 2000; i++) deep = [deep];
    const junk: [string, unknown][] = [
      ['no:such:event', {}],
      ['__proto__', { inviteID: 'x' }],
      ['constructor', {}],
      ['invitation:accept', 'not an object'],
      ['invitation:accept', {}],
      ['invitation:invite', { invitees: 'bob' }],
      ['invitation:invite', JSON.parse('{"__proto__":{"admin":true},"invitees":["bob"]}')],
      ['invitation:invite', { constructor: { prototype: { admin: true } }, invitees: ['bob'] }],
      ['invitation:invite', { invitees: ['bob'], data: deep }],
      ['invitation:invite', { invitees: ['bob'], data: Buffer.from('binary attachment') }],
      ['session:sync', { known: Buffer.alloc(1024) }],
      ['invitation:invite', { invitees: ['bob'], data: 'x'.repeat(200_000) }],
      ['media:signal', { inviteID: 'abc', to: 'bob', signal: 'x'.repeat(200_000) }],
      ['media:signal', { inviteID: 'abc', to: 'bob', signal: deep }],
      ['media:signal', { inviteID: 'abc', to: ['bob'], signal: 'x' }],
      ['media:signal', JSON.parse('{"__proto__":{"admin":true},"inviteID":"abc","to":"bob","signal":"x"}')],
    ];
    for (const [name, payload] of junk) {
      const ack = await ask(mallory, name, payload);
      expect(ack.ok, `${name} ${JSON.stringify(payload)?.slice(0, 60)}`).toBe(false);
      expect(['INVALID_PARAMETER', 'PAYLOAD_TOO_LARGE'], name).toContain(ack.error?.code);
      expect(ack.error?.message.length).toBeGreaterThan(0);
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    // Malformed socket.io packets straight into the engine.io stream: the connection may die, the server may not.
    const engine = (mallory as unknown as { io: { engine: { write(data: string | Uint8Array): void } } }).io.engine;
    for (const raw of ['2', '42[', '4garbage', '451-["invitation:invite",{"_placeholder":true,"num":7}]', '42["invitation:invite"]', '9', new Uint8Array([0, 1, 2, 255])]) engine.write(raw);

    // 4. A frame over the size cap drops that connection only.
    const big = (await open({ token: await token('mallory2') }, ORIGIN)) as Socket;
    const bigDropped = new Promise((resolve) => big.once('disconnect', resolve));
    big.emit('invitation:invite', { invitees: ['bob'], data: 'x'.repeat(300 * 1024) }, () => {});
    await bigDropped;

    // 5. Floods. Commands with acknowledgements: refused by the rate limit, or the connection is cut.
    const flooder = (await open({ token: await token('flooder') }, ORIGIN)) as Socket;
    const flood = await Promise.all(Array.from({ length: 3000 }, () => ask(flooder, 'invitation:query', { count: 1 })));
    const codes = new Set(flood.map((a) => (a.ok ? 'ok' : a.error!.code)));
    expect(flood.filter((a) => a.ok).length).toBeLessThan(200);
    expect([...codes].every((c) => ['ok', 'RATE_LIMITED', 'NO_ACK'].includes(c))).toBe(true);
    // 1,000 × 200 KiB without acknowledgement (they never reach a rate limit): the connection is cut early.
    const quiet = (await open({ token: await token('quiet') }, ORIGIN)) as Socket;
    const quietDropped = new Promise((resolve) => quiet.once('disconnect', resolve));
    const blob = 'x'.repeat(200 * 1024);
    for (let i = 0; i < 1000 && quiet.connected; i++) {
      quiet.emit('invitation:modify', { inviteID: 'abc', data: blob });
      if (i % 20 === 0) await new Promise((r) => setImmediate(r));
    }
    await quietDropped;
    // session:sync with 10,000 made-up known IDs, 300 times: budgeted by cost, so nearly all are refused.
    const syncer = (await open({ token: await token('syncer') }, ORIGIN)) as Socket;
    const known = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`made-up-${i}`, 1]));
    const syncs: Ack[] = [];
    for (let i = 0; i < 300 && syncer.connected; i++) syncs.push(await ask(syncer, 'session:sync', { known }));
    expect(syncs.filter((a) => a.ok).length).toBeLessThan(30);

    // 6. Media signals into a real call: a stranger who knows the inviteID injects nothing, and a
    // participant's flood of signals is cut by its own budget.
    const vic = await connectClient(server, 'vic', { token: await token('vic') });
    const wendy = await connectClient(server, 'wendy', { token: await token('wendy') });
    const { inviteID: call } = await vic.invite('wendy', { mode: 'advanced' });
    await wendy.accept(call);
    const injector = (await open({ token: await token('injector') }, ORIGIN)) as Socket;
    const injected = await Promise.all(Array.from({ length: 300 }, (_, i) => ask(injector, 'media:signal', { inviteID: call, to: i % 2 ? 'vic' : 'wendy', signal: '{"type":"offer"}' })));
    const injectedCodes = injected.map((a) => a.error?.code ?? 'ok');
    expect(injectedCodes).toContain('INVITATION_NOT_FOUND');
    expect(injectedCodes.every((c) => c === 'INVITATION_NOT_FOUND' || c === 'RATE_LIMITED')).toBe(true);
    const signalFlood = await Promise.all(Array.from({ length: 1000 }, (_, i) => vic.sendMediaSignal(call, 'wendy', `c${i}`).then(() => 'ok', (e: { code: string }) => e.code)));
    const relayed = signalFlood.filter((o) => o === 'ok').length;
    expect(relayed).toBeLessThan(1000);
    expect([...new Set(signalFlood)].every((c) => ['ok', 'RATE_LIMITED', 'REQUEST_TIMEOUT'].includes(c))).toBe(true);
    await expect.poll(() => wendy.seen('mediaSignal').length).toBe(relayed);
    expect(vic.seen('mediaSignal')).toEqual([]);
    expect(wendy.seen('mediaSignal').every((e) => e.from === 'vic')).toBe(true);
    injector.disconnect();

    attacking = false;
    await probing;
    for (const s of [mallory, flooder, quiet, syncer]) s.disconnect();

    expect(probe.failures).toEqual([]);
    expect(probe.calls).toBeGreaterThan(0);
    // And the server still lets a new device in and serves it.
    const carol = await connectClient(server, 'carol', { token: await token('carol') });
    const { inviteID } = await carol.invite('alice');
    await alice.next('invitationReceived', (e) => e.inviteID === inviteID);
  }, 60_000);
});
