import { describe, expect, it } from 'vitest';
import { createSignalingClient, RingkitError } from '../../src/index.js';
import { createMemoryStorage } from '../../src/server/index.js';
import { connectClient, startServer } from '../support/harness.js';

/** The rejection of `p` (fails the test if it resolves). */
async function rejection(p: Promise<unknown>): Promise<RingkitError> {
  const outcome = await p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(RingkitError);
  expect(typeof (outcome.error as RingkitError).message).toBe('string');
  expect((outcome.error as RingkitError).message.length).toBeGreaterThan(0);
  return outcome.error as RingkitError;
}
const codeOf = async (p: Promise<unknown>) => (await rejection(p)).code;

describe('INVALID_PARAMETER: malformed or out-of-range input', () => {
  it('refuses bad inviteIDs, timeouts, invitee lists and unknown fields, and nothing is created', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    await connectClient(server, 'bob');

    for (const id of ['', 'has space', 'semi;colon', 'x'.repeat(65), '../../etc/passwd', 'ünïcode']) {
      expect(await codeOf(alice.accept(id)), `inviteID ${JSON.stringify(id)}`).toBe('INVALID_PARAMETER');
      expect(await codeOf(alice.cancel(id)), `inviteID ${JSON.stringify(id)}`).toBe('INVALID_PARAMETER');
    }
    for (const timeout of [601, -1, 1.5, Number.NaN, Infinity]) {
      expect(await codeOf(alice.invite('bob', { timeout })), `timeout ${timeout}`).toBe('INVALID_PARAMETER');
    }
    expect(await codeOf(alice.invite('bob', { timeout: '30' as unknown as number }))).toBe('INVALID_PARAMETER');
    expect(await codeOf(alice.invite(['bob', 'bob']))).toBe('INVALID_PARAMETER');
    expect(await codeOf(alice.invite('alice'))).toBe('INVALID_PARAMETER');
    expect(await codeOf(alice.invite(['bob', 'alice']))).toBe('INVALID_PARAMETER');
    expect(await codeOf(alice.invite([]))).toBe('INVALID_PARAMETER');
    const ten = Array.from({ length: 10 }, (_, i) => `user-${i}`);
    expect(await codeOf(alice.invite(ten))).toBe('INVALID_PARAMETER');
    expect(await codeOf(alice.invite('bob', { unknownField: 1 } as never))).toBe('INVALID_PARAMETER');
    expect(await codeOf(alice.invite('bob', { mode: 'weird' as never }))).toBe('INVALID_PARAMETER');
    expect(await codeOf(alice.invite('bob', { onlineUserOnly: 'yes' as never }))).toBe('INVALID_PARAMETER');
    expect(await codeOf(alice.invite('bob', { offlinePushInfo: { title: 'no desc' } as never }))).toBe('INVALID_PARAMETER');
    expect(await codeOf(alice.invite('bob', { data: 42 as never }))).toBe('INVALID_PARAMETER');
    for (const userID of ['', ' bob', 'bob ', 'bo\u0000b', 'line\nbreak', 'é'.repeat(33), 'x'.repeat(65)]) {
      expect(await codeOf(alice.invite(userID)), `userID ${JSON.stringify(userID)}`).toBe('INVALID_PARAMETER');
    }
    expect((await alice.queryInvitations({ count: 100 })).invitations).toEqual([]);

    // Exactly at the limits is fine.
    const nine = Array.from({ length: 9 }, (_, i) => `user-${i}`);
    expect((await alice.invite(nine, { timeout: 600 })).errorInvitees).toEqual([]);
    expect((await alice.invite('é'.repeat(32), { timeout: 0 })).errorInvitees).toEqual([]);
  });

  it('refuses an unknown field on accept, and an empty cancel list', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob', { timeout: 30 });
    expect(await codeOf(bob.accept(inviteID, { extra: true } as never))).toBe('INVALID_PARAMETER');
    expect(await codeOf(alice.cancel(inviteID, { invitees: [] }))).toBe('INVALID_PARAMETER');
    expect(bob.getInvitation(inviteID)?.state).toBe('active');
  });
});

describe('PAYLOAD_TOO_LARGE: data over maxDataBytes (8192 UTF-8 bytes)', () => {
  it('counts bytes, not characters, on every action that carries data', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const tooBig = ['x'.repeat(8193), 'é'.repeat(4097), '😀'.repeat(2049), `${'😀'.repeat(2047)}xxxxx`];
    const justRight = ['x'.repeat(8192), 'é'.repeat(4096), '😀'.repeat(2048)];
    for (const data of tooBig) expect(await codeOf(alice.invite('bob', { data })), `${data.length} chars`).toBe('PAYLOAD_TOO_LARGE');
    for (const data of justRight) await alice.invite('bob', { data, timeout: 30 });

    const { inviteID } = await alice.invite('bob', { timeout: 30 });
    expect(await codeOf(bob.accept(inviteID, { data: tooBig[1] }))).toBe('PAYLOAD_TOO_LARGE');
    expect(await codeOf(bob.reject(inviteID, { data: tooBig[2] }))).toBe('PAYLOAD_TOO_LARGE');
    expect(await codeOf(alice.cancel(inviteID, { data: tooBig[0] }))).toBe('PAYLOAD_TOO_LARGE');
    expect(await codeOf(alice.modify(inviteID, tooBig[3]!))).toBe('PAYLOAD_TOO_LARGE');
    // Nothing changed: bob can still accept with data at the limit.
    const { invitation } = await bob.accept(inviteID, { data: justRight[2] });
    expect(invitation.users[0]).toMatchObject({ state: 'accepted', data: justRight[2] });
  });

  it('maxDataBytes is configurable', async () => {
    const server = await startServer({ limits: { maxDataBytes: 4 } });
    const alice = await connectClient(server, 'alice');
    expect(await codeOf(alice.invite('bob', { data: 'ééé' }))).toBe('PAYLOAD_TOO_LARGE');
    await alice.invite('bob', { data: 'éé' });
  });
});

describe('INVITATION_NOT_FOUND: unknown or invisible invitations look the same', () => {
  it('an unknown ID and a stranger acting on a real one get the same answer', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    await connectClient(server, 'bob');
    const mallory = await connectClient(server, 'mallory');
    const { inviteID } = await alice.invite('bob', { timeout: 30 });
    const unknown = 'Zz0Zz0Zz0Zz0Zz0Zz0Zz0A';

    const onReal = await rejection(mallory.accept(inviteID));
    const onUnknown = await rejection(mallory.accept(unknown));
    expect(onReal.code).toBe('INVITATION_NOT_FOUND');
    expect(onUnknown.code).toBe('INVITATION_NOT_FOUND');
    expect(onReal.message).toBe(onUnknown.message);
    for (const action of [
      () => mallory.reject(inviteID),
      () => mallory.cancel(inviteID),
      () => mallory.modify(inviteID, 'x'),
      () => alice.accept(unknown),
      () => alice.cancel(unknown),
      () => alice.modify(unknown, 'x'),
    ]) {
      expect(await codeOf(action())).toBe('INVITATION_NOT_FOUND');
    }
  });
});

describe('NO_PERMISSION: the role does not allow it', () => {
  it('only the inviter cancels or modifies; only an invitee accepts or rejects', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob', { timeout: 30 });

    expect(await codeOf(bob.cancel(inviteID))).toBe('NO_PERMISSION');
    expect(await codeOf(bob.modify(inviteID, 'mine now'))).toBe('NO_PERMISSION');
    expect(await codeOf(alice.accept(inviteID))).toBe('NO_PERMISSION');
    expect(await codeOf(alice.reject(inviteID))).toBe('NO_PERMISSION');
    const stored = await storage.getInvitation(inviteID);
    expect(stored?.state).toBe('active');
    expect(['inviting', 'received']).toContain(stored?.users[0]?.state);
  });
});

describe('INVALID_STATE: the states do not allow it', () => {
  it('answering twice, answering after the end, cancelling what is answered', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const carol = await connectClient(server, 'carol');

    const { inviteID } = await alice.invite(['bob', 'carol'], { timeout: 30 });
    await bob.accept(inviteID);
    expect(await codeOf(bob.accept(inviteID))).toBe('INVALID_STATE');
    expect(await codeOf(bob.reject(inviteID))).toBe('INVALID_STATE');
    // Cancel targeted at bob alone: nobody targeted is pending.
    expect(await codeOf(alice.cancel(inviteID, { invitees: ['bob'] }))).toBe('INVALID_STATE');
    // Cancel at bob and carol: carol is cancelled, bob reported back.
    const { errorInvitees } = await alice.cancel(inviteID, { invitees: ['bob', 'carol'] });
    expect(errorInvitees.map((e) => e.userID)).toEqual(['bob']);
    await carol.next('invitationCancelled', (e) => e.inviteID === inviteID);
    expect(await codeOf(carol.accept(inviteID))).toBe('INVALID_STATE');
    expect(await codeOf(alice.cancel(inviteID))).toBe('INVALID_STATE');
    expect(await codeOf(alice.modify(inviteID, 'too late'))).toBe('INVALID_STATE');
  });

  it('cancel can narrow to some invitees and leave the others ringing', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const carol = await connectClient(server, 'carol');
    const { inviteID } = await alice.invite(['bob', 'carol'], { timeout: 30 });
    await alice.cancel(inviteID, { invitees: ['bob'], data: 'just carol' });
    const cancelled = await bob.next('invitationCancelled', (e) => e.inviteID === inviteID);
    expect(cancelled.invitees).toEqual(['bob']);
    const { invitation } = await carol.accept(inviteID);
    expect(invitation.users.find((u) => u.userID === 'carol')?.state).toBe('accepted');
    // carol may hear that bob was cancelled, but never that she was.
    expect(carol.seen('invitationCancelled').flatMap((e) => e.invitees)).not.toContain('carol');
  });
});

describe('NOT_CONNECTED and REQUEST_TIMEOUT: the client side of failure', () => {
  it('calls before connect and after disconnect fail with NOT_CONNECTED', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice', { connect: false });
    expect(alice.connectionState).toBe('disconnected');
    expect(await codeOf(alice.invite('bob'))).toBe('NOT_CONNECTED');
    expect(await codeOf(alice.queryInvitations({ count: 1 }))).toBe('NOT_CONNECTED');
    await alice.connect();
    await alice.invite('bob');
    alice.disconnect();
    expect(alice.connectionState).toBe('disconnected');
    expect(await codeOf(alice.invite('bob'))).toBe('NOT_CONNECTED');
    expect(await codeOf(alice.accept('Zz0Zz0Zz0Zz0Zz0Zz0Zz0A'))).toBe('NOT_CONNECTED');
  });

  it('a server that never answers gives REQUEST_TIMEOUT', async () => {
    const storage = createMemoryStorage();
    const stuck: typeof storage = { ...storage, listUserInvitations: () => new Promise(() => {}) };
    const server = await startServer({ storage: stuck });
    const client = createSignalingClient({ url: server.url, userID: 'alice', requestTimeoutMs: 300 });
    try {
      await client.connect();
      expect(await codeOf(client.queryInvitations({ count: 5 }))).toBe('REQUEST_TIMEOUT');
      // The connection itself is fine.
      expect(client.connectionState).toBe('connected');
    } finally {
      client.disconnect();
    }
  });
});
