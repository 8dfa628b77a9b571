import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../src/server/index.js';
import { connectClient, startServer, until } from '../support/harness.js';

describe('the inviter goes away', () => {
  it('alice invites bob and vanishes: after the grace period bob is cancelled with reason callerGone', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage, limits: { callerGraceSeconds: 1 } });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const { inviteID } = await alice.invite('bob', { timeout: 60, data: 'call' });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    alice.disconnect();

    const cancelled = await bob.next('invitationCancelled', (e) => e.inviteID === inviteID);
    expect(cancelled).toMatchObject({ reason: 'callerGone', inviter: 'alice', invitees: ['bob'] });
    const onServer = await storage.getInvitation(inviteID);
    expect(onServer).toMatchObject({ state: 'ended', endReason: 'cancelled' });
    expect(onServer?.users[0]).toMatchObject({ state: 'cancelled', reason: 'callerGone' });
    await until(() => bob.getInvitation(inviteID)?.version === onServer?.version);
    expect(bob.getInvitation(inviteID)).toEqual(onServer);
  });

  it('an offline invitee of a vanished inviter later sees a missed call with reason callerGone', async () => {
    const server = await startServer({ limits: { callerGraceSeconds: 1 } });
    const alice = await connectClient(server, 'alice');
    const witness = await connectClient(server, 'carol');
    const { inviteID } = await alice.invite(['bob', 'carol'], { timeout: 60 });
    alice.disconnect();
    await witness.next('invitationCancelled', (e) => e.inviteID === inviteID && e.reason === 'callerGone');

    const bob = await connectClient(server, 'bob');
    const missed = await bob.next('invitationCancelled', (e) => e.inviteID === inviteID);
    expect(missed).toMatchObject({ reason: 'callerGone', missed: true });
    expect(bob.seen('invitationReceived')).toEqual([]);
  });

  it('once someone has accepted, the inviter leaving does not cancel the others', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage, limits: { callerGraceSeconds: 1 } });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const carol = await connectClient(server, 'carol');

    const { inviteID } = await alice.invite(['bob', 'carol'], { timeout: 2 });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    await bob.accept(inviteID);
    alice.disconnect();

    // carol rings until her own timeout instead.
    const timeout = await carol.next('invitationTimeout', (e) => e.inviteID === inviteID);
    expect(timeout.isSelfTimeout).toBe(true);
    expect(carol.seen('invitationCancelled')).toEqual([]);
    expect((await storage.getInvitation(inviteID))?.endReason).toBe('timeout');
  });

  it('alice drops and comes back within the grace period: the invitation is unchanged and still ringing', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage, limits: { callerGraceSeconds: 2 } });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const { inviteID } = await alice.invite('bob', { timeout: 60, data: 'hold on' });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    await alice.next('callUserStateChanged', (e) => e.inviteID === inviteID && e.callUserList.some((u) => u.state === 'received'));
    const before = await storage.getInvitation(inviteID);

    // A control inviter who leaves for good at the same time shows when the grace period is over.
    const dave = await connectClient(server, 'dave');
    const { inviteID: control } = await dave.invite('bob', { timeout: 60 });
    await bob.next('invitationReceived', (e) => e.inviteID === control);

    alice.disconnect();
    dave.disconnect();
    const aliceBack = await connectClient(server, 'alice', { deviceID: 'alice-again' });
    expect(aliceBack.getInvitation(inviteID)).toEqual(before);

    await bob.next('invitationCancelled', (e) => e.inviteID === control && e.reason === 'callerGone');
    expect(await storage.getInvitation(inviteID)).toEqual(before);
    expect(bob.seen('invitationCancelled').filter((e) => e.inviteID === inviteID)).toEqual([]);

    await bob.accept(inviteID, { data: 'here' });
    expect(await aliceBack.next('inviteeAccepted', (e) => e.inviteID === inviteID)).toMatchObject({ invitee: 'bob', data: 'here' });
  });
});
