import { SignJWT } from 'jose';
import { io, type Socket } from 'socket.io-client';
import { beforeEach, describe, expect, it } from 'vitest';
import type { WireAck } from '../../src/protocol/wire.js';
import type { Invitation } from '../../src/protocol/types.js';
import { startServer, until } from '../support/harness.js';

/**
 * Issue 13: every command × every actor on one invitation made with inviteInGroup (alice invites
 * bob in g1). Only the allowed cells succeed; the others get the PROTOCOL code and change
 * nothing; a stranger cannot tell a real inviteID from a made-up one; an expired session can do
 * nothing at all.
 */
const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
type Actor = 'inviter' | 'invitee' | "invitee's other device" | 'uninvited group member' | 'member of another group' | 'stranger';
type Command = 'cancel' | 'accept' | 'reject' | 'modify' | 'callingInvite' | 'join' | 'quit' | 'end' | 'get' | 'received';
const ACTORS: Record<Actor, [userID: string, deviceID: string]> = {
  inviter: ['alice', 'd1'],
  invitee: ['bob', 'd1'],
  "invitee's other device": ['bob', 'd2'],
  'uninvited group member': ['carol', 'd1'],
  'member of another group': ['dave', 'd1'],
  stranger: ['erin', 'd1'],
};
const COMMANDS: Command[] = ['cancel', 'accept', 'reject', 'modify', 'callingInvite', 'join', 'quit', 'end', 'get', 'received'];
const NF = 'INVITATION_NOT_FOUND';
const NP = 'NO_PERMISSION';
const IS = 'INVALID_STATE';
const outsiders = { 'member of another group': NF, stranger: NF } as const;

const EXPECTED: Record<'normal' | 'advanced', Record<Command, Record<Actor, string>>> = {
  normal: {
    cancel: { inviter: 'ok', invitee: NP, "invitee's other device": NP, 'uninvited group member': NP, ...outsiders },
    accept: { inviter: NP, invitee: 'ok', "invitee's other device": 'ok', 'uninvited group member': NP, ...outsiders },
    reject: { inviter: NP, invitee: 'ok', "invitee's other device": 'ok', 'uninvited group member': NP, ...outsiders },
    modify: { inviter: 'ok', invitee: NP, "invitee's other device": NP, 'uninvited group member': NP, ...outsiders },
    callingInvite: { inviter: IS, invitee: IS, "invitee's other device": IS, 'uninvited group member': IS, ...outsiders },
    join: { inviter: IS, invitee: IS, "invitee's other device": IS, 'uninvited group member': IS, ...outsiders },
    quit: { inviter: IS, invitee: IS, "invitee's other device": IS, 'uninvited group member': IS, ...outsiders },
    end: { inviter: IS, invitee: IS, "invitee's other device": IS, 'uninvited group member': IS, ...outsiders },
    get: { inviter: 'ok', invitee: 'ok', "invitee's other device": 'ok', 'uninvited group member': 'ok', ...outsiders },
    received: { inviter: 'ok', invitee: 'ok', "invitee's other device": 'ok', 'uninvited group member': 'ok', ...outsiders },
  },
  advanced: {
    cancel: { inviter: 'ok', invitee: NP, "invitee's other device": NP, 'uninvited group member': NP, ...outsiders },
    accept: { inviter: NP, invitee: 'ok', "invitee's other device": 'ok', 'uninvited group member': NP, ...outsiders },
    reject: { inviter: NP, invitee: 'ok', "invitee's other device": 'ok', 'uninvited group member': NP, ...outsiders },
    modify: { inviter: 'ok', invitee: NP, "invitee's other device": NP, 'uninvited group member': NP, ...outsiders },
    callingInvite: { inviter: 'ok', invitee: IS, "invitee's other device": IS, 'uninvited group member': NP, ...outsiders },
    join: { inviter: 'ALREADY_PRIMARY_DEVICE', invitee: 'ok', "invitee's other device": 'ok', 'uninvited group member': 'ok', ...outsiders },
    quit: { inviter: 'ok', invitee: IS, "invitee's other device": IS, 'uninvited group member': NP, ...outsiders },
    end: { inviter: 'ok', invitee: IS, "invitee's other device": IS, 'uninvited group member': NP, ...outsiders },
    get: { inviter: 'ok', invitee: 'ok', "invitee's other device": 'ok', 'uninvited group member': 'ok', ...outsiders },
    received: { inviter: 'ok', invitee: 'ok', "invitee's other device": 'ok', 'uninvited group member': 'ok', ...outsiders },
  },
};
/** Cells that succeed without changing anything (reads, and receipts from users who are not pending). */
const READ_ONLY = new Set(['get', 'received']);

const payloadOf = (command: Command, inviteID: string): Record<string, unknown> => ({
  inviteID,
  ...(command === 'modify' && { data: 'changed' }),
  ...(command === 'callingInvite' && { invitees: ['carol'] }),
});

function token(sub: string, expiresInSeconds = 3600) {
  return new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds).sign(new TextEncoder().encode(SECRET));
}

describe('authorization matrix', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const sockets = {} as Record<Actor, Socket>;
  const send = (socket: Socket, name: string, payload: unknown) => socket.timeout(5000).emitWithAck(name, payload) as Promise<WireAck<unknown>>;
  const snapshot = async (inviteID: string) => ((await send(sockets.inviter, 'invitation:get', { inviteID })) as { result: { invitation: Invitation } }).result.invitation;
  const connect = async (userID: string, deviceID: string, expiresIn?: number) => {
    const socket = io(server.url, { transports: ['websocket'], reconnection: false, auth: { token: await token(userID, expiresIn), deviceID } });
    await new Promise<void>((resolve, reject) => (socket.on('connect', resolve), socket.on('connect_error', reject)));
    return socket;
  };

  // The harness closes the server after each test, so each test gets its own.
  beforeEach(async () => {
    server = await startServer({ auth: { jwt: { secret: SECRET } }, requestsPerSecond: 100_000 });
    await server.groups.createGroup('g1', ['alice', 'bob', 'carol', 'frank']);
    await server.groups.createGroup('g2', ['dave']);
    for (const [actor, [userID, deviceID]] of Object.entries(ACTORS)) sockets[actor as Actor] = await connect(userID, deviceID);
    return () => Object.values(sockets).forEach((s) => s.disconnect());
  });

  for (const mode of ['normal', 'advanced'] as const) {
    it(`${mode} mode: only the allowed cells succeed, the others get the PROTOCOL code and change nothing`, async () => {
      const seen: Record<string, Record<string, string>> = {};
      for (const command of COMMANDS) {
        seen[command] = {};
        for (const actor of Object.keys(ACTORS) as Actor[]) {
          const made = await send(sockets.inviter, 'invitation:inviteInGroup', { groupID: 'g1', invitees: ['bob'], mode });
          const { inviteID } = (made as { result: { inviteID: string } }).result;
          const before = await snapshot(inviteID);
          const ack = await send(sockets[actor], `invitation:${command}`, payloadOf(command, inviteID));
          seen[command]![actor] = ack.ok ? 'ok' : ack.error.code;
          if (!ack.ok || READ_ONLY.has(command)) {
            const after = await snapshot(inviteID);
            const ignoreReceipt = command === 'received' && actor.startsWith('invitee'); // bob's receipt is a real change
            if (!ignoreReceipt) expect(after, `${command} by ${actor} changed the invitation`).toEqual(before);
          }
        }
      }
      expect(seen).toEqual(EXPECTED[mode]);
    });
  }

  it('a stranger cannot tell a real inviteID from a made-up one: same code and message everywhere, sync included', async () => {
    const made = await send(sockets.inviter, 'invitation:inviteInGroup', { groupID: 'g1', invitees: ['bob'] });
    const real = (made as { result: { inviteID: string } }).result.inviteID;
    const fake = 'Q2hlY2tNYXRlQmFieTEyMw';
    for (const command of COMMANDS) {
      const onReal = await send(sockets.stranger, `invitation:${command}`, payloadOf(command, real));
      const onFake = await send(sockets.stranger, `invitation:${command}`, payloadOf(command, fake));
      expect(onReal, command).toEqual(onFake);
      expect(onReal.ok, command).toBe(false);
    }
    // Issue 13, defect 3: session:sync answered "unknown" only for the made-up ID.
    const sync = (await send(sockets.stranger, 'session:sync', { known: { [real]: 1, [fake]: 1 } })) as { ok: true; result: { updates: unknown[]; unknown: string[] } };
    expect(sync.result.updates).toEqual([]);
    expect(new Set(sync.result.unknown)).toEqual(new Set([real, fake]));
    // A huge held version must not hide the real one either.
    const high = (await send(sockets.stranger, 'session:sync', { known: { [real]: 1_000_000, [fake]: 1_000_000 } })) as typeof sync;
    expect(new Set(high.result.unknown)).toEqual(new Set([real, fake]));
    // The invitee's own sync still sees it.
    const own = (await send(sockets.invitee, 'session:sync', { known: { [real]: 0 } })) as { ok: true; result: { updates: { invitation: Invitation }[]; unknown: string[] } };
    expect(own.result.unknown).toEqual([]);
    expect(own.result.updates.map((u) => u.invitation.inviteID)).toContain(real);
    // Group history is for members only, whatever exists in it.
    const history = await send(sockets.stranger, 'history:get', { conversation: { type: 'group', groupID: 'g1' } });
    expect(history).toMatchObject({ ok: false, error: { code: 'NOT_GROUP_MEMBER' } });
  });

  for (const mode of ['normal', 'advanced'] as const) {
    it(`${mode} mode, media:signal: only the two devices holding a part in the active call may signal each other; every other actor gets the made-up ID's answer`, async () => {
      // alice invites bob and frank in g1; bob answers on d1. In normal mode frank still rings, so
      // the invitation is active; in advanced mode it is active until ended.
      const made = await send(sockets.inviter, 'invitation:inviteInGroup', { groupID: 'g1', invitees: ['bob', 'frank'], mode });
      const { inviteID } = (made as { result: { inviteID: string } }).result;
      expect((await send(sockets.invitee, 'invitation:accept', { inviteID })).ok).toBe(true);
      const before = await snapshot(inviteID);
      const received: Record<string, string[]> = {};
      for (const [actor, socket] of Object.entries(sockets)) socket.on('media:signalled', (e: { signal: string }) => (received[actor] ??= []).push(e.signal));
      const madeUp = await send(sockets.stranger, 'media:signal', { inviteID: 'Q2hlY2tNYXRlQmFieTEyMw', to: 'alice', signal: 'x' });
      expect(madeUp).toEqual({ ok: false, error: { code: NF, message: 'no such invitation' } });

      const seen: Record<string, string> = {};
      for (const actor of Object.keys(ACTORS) as Actor[]) {
        for (const to of ['alice', 'bob', 'carol', 'frank']) {
          if (to === ACTORS[actor][0]) continue;
          const ack = await send(sockets[actor], 'media:signal', { inviteID, to, signal: `${actor}→${to}` });
          if (!ack.ok && ack.error.code === NF) expect(ack, `${actor} → ${to}`).toEqual(madeUp);
          seen[`${actor} → ${to}`] = ack.ok ? 'ok' : ack.error.code;
        }
      }
      const allowed = new Set(['inviter → bob', 'invitee → alice']);
      expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((cell) => [cell, allowed.has(cell) ? 'ok' : NF])));
      expect(await snapshot(inviteID)).toEqual(before);
      await until(() => Object.keys(received).length === 2, 5000, 'the two relayed signals');
      await send(sockets["invitee's other device"], 'invitation:get', { inviteID }); // a round trip on the other device
      expect(received).toEqual({ inviter: ['invitee→alice'], invitee: ['inviter→bob'] });
    });
  }

  it('a user whose token has expired is cut off: no command reaches the engine, and reconnecting is refused', async () => {
    const frank = await connect('frank', 'd1', 1);
    const made = await send(sockets.inviter, 'invitation:inviteInGroup', { groupID: 'g1', invitees: ['frank'] });
    const { inviteID } = (made as { result: { inviteID: string } }).result;
    const closed = new Promise<unknown>((resolve) => frank.on('session:closed', resolve));
    await until(() => frank.disconnected, 5000, 'the expired session to be closed');
    expect(await closed).toMatchObject({ code: 'UNAUTHENTICATED' });
    frank.connect();
    await expect(frank.timeout(500).emitWithAck('invitation:accept', { inviteID })).rejects.toThrow(); // never acknowledged: the server refuses the socket
    const again = io(server.url, { transports: ['websocket'], reconnection: false, auth: { token: await token('frank', -10), deviceID: 'd1' } });
    const refused = await new Promise<{ data?: { code?: string } }>((resolve) => again.on('connect_error', resolve));
    expect(refused.data?.code).toBe('UNAUTHENTICATED');
    again.disconnect();
    frank.disconnect();
    expect((await snapshot(inviteID)).users.find((u) => u.userID === 'frank')?.state).not.toBe('accepted');
  });
});
