import { describe, expect, it } from 'vitest';
import type { RingkitError } from '../../src/index.js';
import { createMemoryStorage } from '../../src/server/index.js';
import { connectClient, startServer, until } from '../support/harness.js';

const codeOf = async (p: Promise<unknown>) => (await p.then(() => 'resolved', (e: RingkitError) => e.code)) as string;

describe('timeouts: nobody answers in time', () => {
  it('bob does not answer: bob hears his own timeout, alice hears that bob timed out', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const { inviteID } = await alice.invite('bob', { timeout: 1, data: 'ring ring' });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);

    const mine = await bob.next('invitationTimeout', (e) => e.inviteID === inviteID);
    expect(mine).toMatchObject({ inviteeList: ['bob'], isSelfTimeout: true });
    expect(mine.missed).toBeFalsy();
    const theirs = await alice.next('invitationTimeout', (e) => e.inviteID === inviteID);
    expect(theirs).toMatchObject({ inviteeList: ['bob'], isSelfTimeout: false });

    const onServer = await storage.getInvitation(inviteID);
    expect(onServer).toMatchObject({ state: 'ended', endReason: 'timeout' });
    expect(onServer?.users[0]?.state).toBe('timeout');
    await until(() => alice.getInvitation(inviteID)?.version === onServer?.version && bob.getInvitation(inviteID)?.version === onServer?.version);
    expect(alice.getInvitation(inviteID)).toEqual(onServer);
    expect(bob.getInvitation(inviteID)).toEqual(onServer);
  });

  it('bob and carol invited together time out together, in one notification', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const carol = await connectClient(server, 'carol');

    const { inviteID } = await alice.invite(['bob', 'carol'], { timeout: 1 });
    const timeout = await alice.next('invitationTimeout', (e) => e.inviteID === inviteID);
    expect([...timeout.inviteeList].sort()).toEqual(['bob', 'carol']);
    expect(timeout.isSelfTimeout).toBe(false);
    await until(() => alice.getInvitation(inviteID)?.state === 'ended');
    expect(alice.seen('invitationTimeout').filter((e) => e.inviteID === inviteID)).toHaveLength(1);

    // Each invitee hears it once, marked as their own.
    for (const c of [bob, carol]) {
      const e = await c.next('invitationTimeout', (x) => x.inviteID === inviteID);
      expect(e.isSelfTimeout).toBe(true);
      expect(c.seen('invitationTimeout').filter((x) => x.inviteID === inviteID)).toHaveLength(1);
    }
  });

  it('one invitee answers, the other times out: the invitation ends with timeout', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    await connectClient(server, 'carol');

    const { inviteID } = await alice.invite(['bob', 'carol'], { timeout: 1 });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    await bob.accept(inviteID, { data: 'yes' });
    const timeout = await alice.next('invitationTimeout', (e) => e.inviteID === inviteID);
    expect(timeout.inviteeList).toEqual(['carol']);
    await until(() => alice.getInvitation(inviteID)?.state === 'ended');
    expect(alice.getInvitation(inviteID)?.endReason).toBe('timeout');
    expect(alice.getInvitation(inviteID)?.users.find((u) => u.userID === 'bob')?.state).toBe('accepted');
  });

  it('an accept after the timeout fails with INVALID_STATE and bob never becomes accepted', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const { inviteID } = await alice.invite('bob', { timeout: 1 });
    await bob.next('invitationTimeout', (e) => e.inviteID === inviteID);
    expect(await codeOf(bob.accept(inviteID, { data: 'too late' }))).toBe('INVALID_STATE');
    expect(await codeOf(bob.reject(inviteID))).toBe('INVALID_STATE');
    expect(await codeOf(alice.cancel(inviteID))).toBe('INVALID_STATE');
    expect((await storage.getInvitation(inviteID))?.users[0]?.state).toBe('timeout');
    expect(alice.seen('inviteeAccepted')).toEqual([]);
  });

  it('timeout 0 never times out: it is still ringing after a 2-second invitation sent with it has expired', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const forever = await alice.invite('bob', { timeout: 0 });
    const ring = await bob.next('invitationReceived', (e) => e.inviteID === forever.inviteID);
    expect(ring.timeout).toBe(0);
    expect(ring.deadline).toBeNull();
    expect(ring.remainingSeconds).toBeNull();

    const brief = await alice.invite('bob', { timeout: 2 });
    await alice.next('invitationTimeout', (e) => e.inviteID === brief.inviteID);

    const onServer = await storage.getInvitation(forever.inviteID);
    expect(onServer?.state).toBe('active');
    expect(['inviting', 'received']).toContain(onServer?.users[0]?.state);
    expect(alice.seen('invitationTimeout').filter((e) => e.inviteID === forever.inviteID)).toEqual([]);
    await bob.accept(forever.inviteID);
    expect((await storage.getInvitation(forever.inviteID))?.users[0]?.state).toBe('accepted');
  });

  it('the default timeout is 30 seconds', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID, invitation } = await alice.invite('bob');
    expect(invitation.timeout).toBe(30);
    const ring = await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    expect(ring.timeout).toBe(30);
    expect(ring.remainingSeconds).toBeLessThanOrEqual(30);
    expect(ring.remainingSeconds).toBeGreaterThan(0);
  });

  it('an accept sent the moment the deadline passes fails, and bob ends timed out, never both', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob', { timeout: 1 });
    const ring = await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    await until(() => bob.serverNow() >= ring.deadline! + 5, 5000, 'the deadline passes');
    await expect(bob.accept(inviteID)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await alice.next('invitationTimeout', (e) => e.inviteID === inviteID);
    expect((await storage.getInvitation(inviteID))?.users[0]?.state).toBe('timeout');
    expect(alice.seen('inviteeAccepted')).toEqual([]);
  });
});
