import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { RingkitServer } from '../../src/server/index.js';
import { connectClient, startServer } from '../support/harness.js';

const COMMANDS = [
  'invitation:invite',
  'invitation:inviteInGroup',
  'invitation:cancel',
  'invitation:accept',
  'invitation:reject',
  'invitation:modify',
  'invitation:callingInvite',
  'invitation:join',
  'invitation:quit',
  'invitation:end',
  'invitation:received',
  'invitation:get',
  'invitation:query',
  'history:get',
  'session:sync',
  'group:create',
  'group:join',
  'group:leave',
  'group:members',
  'media:signal',
];
const UNKNOWN_COMMANDS = ['nope', 'invitation:', 'invitation:delete', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'x'.repeat(5000)];

function nested(depth: number): unknown {
  let value: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) value = { a: value, b: [value === null ? 0 : 1] };
  return value;
}

const JUNK: unknown[] = [
  null,
  0,
  -1,
  1e308,
  true,
  '',
  'invite bob',
  [],
  [1, 'two', null],
  {},
  nested(200),
  JSON.parse('{"__proto__": {"polluted": true}, "inviteID": "x"}'),
  { constructor: { prototype: { polluted: true } } },
  { inviteID: 123 },
  { inviteID: 'ok', data: { not: 'a string' } },
  { inviteID: ['a'] },
  { invitees: 'bob' },
  { invitees: [null] },
  { invitees: [{}] },
  { invitees: ['bob'], timeout: '30' },
  { invitees: ['bob'], timeout: 1e9 },
  { invitees: ['bob'], extra: 1 },
  { invitees: Array.from({ length: 20_000 }, (_, i) => `u${i}`) },
  { groupID: 123, invitees: ['bob'] },
  { groupID: '', invitees: ['bob'] },
  { count: '5' },
  { count: -3 },
  { count: 5, nextFlag: 'next' },
  { conversation: { type: 'c2c' } },
  { conversation: { type: 'group', groupID: null } },
  { conversation: { type: 'telepathy', userID: 'bob' } },
  { known: { 'not an id!': 1 } },
  { known: [] },
  { known: { abc: -1 } },
  { requestID: 'x'.repeat(65), inviteID: 'abc' },
  { requestID: 42, inviteID: 'abc' },
  { inviteID: 'not an id!', data: 'x'.repeat(200_000) },
  { invitees: ['bob'], data: 'x'.repeat(200_000) },
  { invitees: ['bob'], data: '😀'.repeat(2049) },
  { members: ['a'], groupID: { evil: true } },
  { inviteID: 'abc', to: 'bob', signal: 42 },
  { inviteID: 'abc', to: null, signal: 'x' },
  { inviteID: 'abc', to: 'bob', signal: { type: 'offer' } },
  { inviteID: 'abc', to: 'bob', signal: 'x', requestID: 'r1' },
  { inviteID: 'abc', to: 'bob', signal: 'x'.repeat(200_000) },
  { inviteID: 'abc', to: 'fuzzer', signal: 'x' },
];

type Ack = { ok: boolean; error?: { code: string; message: string } };

/** A raw socket.io client that speaks the wire protocol directly. */
async function rawSocket(server: RingkitServer, auth: Record<string, unknown>): Promise<Socket> {
  const socket = io(server.url, { transports: ['websocket'], auth, reconnection: false, forceNew: true });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}
const sockets: Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});

const ask = (socket: Socket, ...args: unknown[]) =>
  socket.timeout(5000).emitWithAck(args[0] as string, ...args.slice(1)) as Promise<Ack>;

describe('fuzzing: junk on the wire never breaks the server', () => {
  it('every command with every junk payload is refused with INVALID_PARAMETER or PAYLOAD_TOO_LARGE, then a normal call works', async () => {
    // Budgets lifted: this test is about each junk payload's answer, not about floods (see test/security/hostileInput.test.ts).
    const server = await startServer({ limits: { requestsPerSecond: 1_000_000, inboundBytesPerSecond: 1e9 }, clientGroups: true });
    const fuzzer = await rawSocket(server, { userID: 'fuzzer' });

    const failures: string[] = [];
    for (const name of [...COMMANDS, ...UNKNOWN_COMMANDS]) {
      for (const [i, payload] of JUNK.entries()) {
        const ack = await ask(fuzzer, name, payload);
        const code = ack.ok ? 'ok' : ack.error?.code;
        if (code !== 'INVALID_PARAMETER' && code !== 'PAYLOAD_TOO_LARGE') failures.push(`${name.slice(0, 40)} #${i}: ${code}`);
        if (!ack.ok && typeof ack.error?.message !== 'string') failures.push(`${name.slice(0, 40)} #${i}: no message`);
      }
    }
    expect(failures).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    // Wrong arity: no payload, or two payloads.
    expect(await ask(fuzzer, 'invitation:query')).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMETER' } });
    expect(await ask(fuzzer, 'invitation:query', { count: 1 }, { count: 2 })).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMETER' } });
    // No acknowledgement asked for: silently ignored, and the connection keeps working.
    for (const name of COMMANDS) fuzzer.emit(name, { invitees: ['bob'] });
    fuzzer.emit('invitation:invite');
    expect(await ask(fuzzer, 'invitation:query', { count: 1 })).toMatchObject({ ok: true });
    expect(fuzzer.connected).toBe(true);

    // After all that, a normal 1v1 call between two other users still works.
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob', { timeout: 30, data: 'still alive?' });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    await bob.accept(inviteID, { data: 'yes' });
    expect(await alice.next('inviteeAccepted', (e) => e.inviteID === inviteID)).toMatchObject({ data: 'yes' });
  });

  it('a packet over maxHttpBufferSize drops that connection only; the server keeps serving', async () => {
    const server = await startServer({ limits: { maxHttpBufferSize: 64 * 1024 } });
    const alice = await connectClient(server, 'alice');
    const fuzzer = await rawSocket(server, { userID: 'fuzzer' });
    const dropped = new Promise<string>((resolve) => fuzzer.once('disconnect', (reason) => resolve(reason)));

    fuzzer.emit('invitation:invite', { invitees: ['alice'], data: 'x'.repeat(100 * 1024) }, () => {});
    expect(typeof (await dropped)).toBe('string');
    expect(fuzzer.connected).toBe(false);
    // Nothing was created from the oversized packet.
    expect(alice.seen('invitationReceived')).toEqual([]);

    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob', { timeout: 30 });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    expect((await ask(await rawSocket(server, { userID: 'fuzzer' }), 'invitation:query', { count: 1 })).ok).toBe(true);
  });

  it('junk in the handshake is refused or ignored, never fatal', async () => {
    const server = await startServer();
    for (const auth of [{}, { userID: 123 }, { userID: '' }, { userID: ' padded ' }, { userID: 'x'.repeat(65) }, { userID: ['a'] }, { userID: 'a\u0000b' }]) {
      const socket = io(server.url, { transports: ['websocket'], auth, reconnection: false, forceNew: true });
      sockets.push(socket);
      const error = await new Promise<Error & { data?: { code?: string } }>((resolve, reject) => {
        socket.once('connect', () => reject(new Error(`${JSON.stringify(auth)} was let in`)));
        socket.once('connect_error', resolve);
      });
      expect(error.data?.code, JSON.stringify(auth)).toBe('UNAUTHENTICATED');
    }
    // A junk deviceID is replaced, not fatal.
    const odd = await rawSocket(server, { userID: 'odd', deviceID: { evil: true } });
    const sync = await ask(odd, 'session:sync', { known: {} });
    expect(sync.ok).toBe(true);
    expect(typeof (sync as unknown as { result: { deviceID: unknown } }).result.deviceID).toBe('string');
  });
});
