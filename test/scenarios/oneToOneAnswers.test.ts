import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../src/server/index.js';
import { connectClient, startServer, until } from '../support/harness.js';

describe('1v1: alice calls bob and bob answers', () => {
  it('bob accepts with data; alice hears it with the data and the accepting device', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob', { deviceID: 'bob-phone' });

    const { inviteID, invitation } = await alice.invite('bob', { data: 'room=42', timeout: 30 });
    expect(invitation).toMatchObject({ inviteID, mode: 'normal', inviter: 'alice', state: 'active', data: 'room=42' });
    expect(invitation.users).toEqual([expect.objectContaining({ userID: 'bob', state: 'inviting' })]);
    expect(invitation.users.some((u) => u.userID === 'alice')).toBe(false);

    const ring = await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    expect(ring).toMatchObject({ inviter: 'alice', inviteeList: ['bob'], data: 'room=42', mode: 'normal', timeout: 30 });
    expect(typeof ring.deadline).toBe('number');

    await bob.accept(inviteID, { data: 'on my way' });
    const accepted = await alice.next('inviteeAccepted', (e) => e.inviteID === inviteID);
    expect(accepted).toMatchObject({ invitee: 'bob', data: 'on my way', deviceID: 'bob-phone' });

    const onServer = await storage.getInvitation(inviteID);
    expect(onServer).toMatchObject({ state: 'ended', endReason: 'allAnswered' });
    expect(onServer?.users[0]).toMatchObject({ userID: 'bob', state: 'accepted', data: 'on my way', deviceID: 'bob-phone' });
    await until(() => alice.getInvitation(inviteID)?.version === onServer?.version, 5000, 'alice mirror up to date');
    expect(alice.getInvitation(inviteID)).toEqual(onServer);
    expect(bob.getInvitation(inviteID)).toEqual(onServer);
  });

  it('bob rejects with data; alice hears inviteeRejected with it and the invitation ends', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob', { deviceID: 'bob-laptop' });

    const { inviteID } = await alice.invite('bob', { data: 'lunch?', timeout: 30 });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    await bob.reject(inviteID, { data: '{"reason":"busy"}' });

    const rejected = await alice.next('inviteeRejected', (e) => e.inviteID === inviteID);
    expect(rejected).toMatchObject({ invitee: 'bob', data: '{"reason":"busy"}', deviceID: 'bob-laptop' });
    const onServer = await storage.getInvitation(inviteID);
    expect(onServer).toMatchObject({ state: 'ended', endReason: 'allAnswered' });
    expect(onServer?.users[0]).toMatchObject({ state: 'rejected', data: '{"reason":"busy"}' });
    await until(() => alice.getInvitation(inviteID)?.version === onServer?.version);
    expect(alice.getInvitation(inviteID)).toEqual(onServer);
    expect(bob.getInvitation(inviteID)).toEqual(onServer);
    expect(alice.seen('inviteeAccepted')).toEqual([]);
  });

  it('alice cancels with data; bob hears invitationCancelled with it and reason cancelled', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const { inviteID } = await alice.invite('bob', { timeout: 30 });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    const { errorInvitees } = await alice.cancel(inviteID, { data: 'never mind' });
    expect(errorInvitees).toEqual([]);

    const cancelled = await bob.next('invitationCancelled', (e) => e.inviteID === inviteID);
    expect(cancelled).toMatchObject({ inviter: 'alice', data: 'never mind', invitees: ['bob'], reason: 'cancelled' });
    expect(cancelled.missed).toBeFalsy();
    expect(bob.getInvitation(inviteID)).toMatchObject({ state: 'ended', endReason: 'cancelled' });
  });

  it("bob's device acknowledges receipt by itself: bob becomes received and alice sees callUserStateChanged", async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const { inviteID, invitation } = await alice.invite('bob', { timeout: 30 });
    expect(invitation.users[0]?.state).toBe('inviting');
    const change = await alice.next(
      'callUserStateChanged',
      (e) => e.inviteID === inviteID && e.callUserList.some((u) => u.userID === 'bob' && u.state === 'received'),
    );
    expect(change.version).toBeGreaterThan(invitation.version);
    expect((await storage.getInvitation(inviteID))?.users[0]?.state).toBe('received');
    await until(() => bob.getInvitation(inviteID)?.users[0]?.state === 'received', 5000, 'bob mirror received');
    // Receipt is not an answer.
    expect(alice.seen('inviteeAccepted')).toEqual([]);
    expect(alice.seen('inviteeRejected')).toEqual([]);
  });

  it('with enableNotReceivedCheck an offline bob becomes notYetReceived, then received once he connects', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage, limits: { notReceivedCheckSeconds: 1 } });
    const alice = await connectClient(server, 'alice');

    const { inviteID } = await alice.invite('bob', { timeout: 30, enableNotReceivedCheck: true });
    await alice.next(
      'callUserStateChanged',
      (e) => e.inviteID === inviteID && e.callUserList.some((u) => u.userID === 'bob' && u.state === 'notYetReceived'),
    );
    expect(alice.getInvitation(inviteID)?.users[0]?.state).toBe('notYetReceived');
    expect(alice.getInvitation(inviteID)?.state).toBe('active');

    const bob = await connectClient(server, 'bob');
    const ring = await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    expect(ring.inviter).toBe('alice');
    await alice.next(
      'callUserStateChanged',
      (e) => e.inviteID === inviteID && e.callUserList.some((u) => u.userID === 'bob' && u.state === 'received'),
    );
    expect((await storage.getInvitation(inviteID))?.users[0]?.state).toBe('received');
  });

  it('without enableNotReceivedCheck an offline invitee stays inviting', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage, limits: { notReceivedCheckSeconds: 1 } });
    const alice = await connectClient(server, 'alice');
    const { inviteID } = await alice.invite('bob', { timeout: 2 });
    // Wait for an outcome that must come after the not-received check would have fired: the timeout.
    await alice.next('invitationTimeout', (e) => e.inviteID === inviteID, 8000);
    const states = alice.seen('callUserStateChanged').flatMap((e) => e.callUserList.map((u) => u.state));
    expect(states).not.toContain('notYetReceived');
  });

  it('nobody but alice and bob hears about their call, and every notification carries a growing version', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const carol = await connectClient(server, 'carol');

    const { inviteID, invitation } = await alice.invite('bob', { timeout: 30, data: 'private' });
    expect(inviteID).toMatch(/^[A-Za-z0-9_-]{21,}$/);
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    await bob.accept(inviteID);
    await alice.next('inviteeAccepted', (e) => e.inviteID === inviteID);

    // carol is online the whole time and hears nothing of it.
    const { inviteID: own } = await alice.invite('carol', { timeout: 30 });
    await carol.next('invitationReceived', (e) => e.inviteID === own);
    expect(carol.events.filter((r) => r.name !== 'connectionStateChanged' && r.event.inviteID === inviteID)).toEqual([]);

    const versions = alice.seen('invitationUpdated').filter((e) => e.inviteID === inviteID).map((e) => e.version);
    expect(versions.length).toBeGreaterThan(0);
    for (let i = 1; i < versions.length; i++) expect(versions[i]).toBeGreaterThan(versions[i - 1]!);
    expect(versions[0]).toBeGreaterThanOrEqual(invitation.version);
    expect(versions.at(-1)).toBe(alice.getInvitation(inviteID)?.version);
    for (const r of bob.events) if (r.name !== 'connectionStateChanged' && r.name !== 'mediaSignal') expect(typeof r.event.version).toBe('number');
  });

  it('a deadline is the moment of the invite plus the timeout, in server time', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID, invitation } = await alice.invite('bob', { timeout: 45 });
    const ring = await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    expect(ring.deadline).toBe(invitation.createTime + 45_000);
    expect(invitation.users[0]?.deadline).toBe(invitation.createTime + 45_000);
  });
});
