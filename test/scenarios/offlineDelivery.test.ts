import { describe, expect, it, vi } from 'vitest';
import type { RingkitError } from '../../src/index.js';
import { createMemoryStorage } from '../../src/server/index.js';
import { connectClient, startServer, until } from '../support/harness.js';

const codeOf = async (p: Promise<unknown>) => (await p.then(() => 'resolved', (e: RingkitError) => e.code)) as string;

describe('offline delivery: bob is away when alice calls', () => {
  it('bob connects before the deadline and rings with the time that is left', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const { inviteID } = await alice.invite('bob', { timeout: 30, data: 'call me' });

    const bob = await connectClient(server, 'bob');
    const ring = await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    expect(ring).toMatchObject({ inviter: 'alice', data: 'call me', timeout: 30 });
    expect(ring.remainingSeconds).not.toBeNull();
    expect(ring.remainingSeconds!).toBeLessThanOrEqual(30);
    expect(ring.remainingSeconds!).toBeGreaterThan(0);
    expect(ring.deadline).toBe(ring.invitation.users[0]?.deadline);
    // Alice learns that bob got it now.
    await alice.next('callUserStateChanged', (e) => e.inviteID === inviteID && e.callUserList.some((u) => u.state === 'received'));
    await bob.accept(inviteID);
    expect((await alice.next('inviteeAccepted', (e) => e.inviteID === inviteID)).invitee).toBe('bob');
  });

  it('alice cancels while bob is away: bob later sees a missed call once, without ringing', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice');
    const { inviteID } = await alice.invite('bob', { timeout: 30, data: 'hello' });
    await alice.cancel(inviteID, { data: 'gave up' });

    const bob = await connectClient(server, 'bob');
    const missed = await bob.next('invitationCancelled', (e) => e.inviteID === inviteID);
    expect(missed).toMatchObject({ missed: true, inviter: 'alice', reason: 'cancelled', invitees: ['bob'], data: 'gave up' });
    expect(bob.seen('invitationReceived')).toEqual([]);
    expect(bob.getInvitation(inviteID)).toMatchObject({ state: 'ended', endReason: 'cancelled' });

    // Once: bob's next device does not get it again, once his phone has acknowledged it.
    await vi.waitFor(async () => expect(await storage.missedOf('bob'), 'the missed call is acknowledged').toEqual([]));
    const bobAgain = await connectClient(server, 'bob', { deviceID: 'tablet' });
    // A later invitation proves the tablet is in sync and listening.
    const { inviteID: later } = await alice.invite('bob', { timeout: 30 });
    await bobAgain.next('invitationReceived', (e) => e.inviteID === later);
    expect(bobAgain.seen('invitationCancelled')).toEqual([]);
    expect(bobAgain.seen('invitationReceived').map((e) => e.inviteID)).toEqual([later]);
    expect(bobAgain.getInvitation(inviteID)).toBeUndefined();
  });

  it('the invitation times out while bob is away: bob later sees a missed timeout once, without ringing', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice');
    const { inviteID } = await alice.invite('bob', { timeout: 1 });
    await alice.next('invitationTimeout', (e) => e.inviteID === inviteID);

    const bob = await connectClient(server, 'bob');
    const missed = await bob.next('invitationTimeout', (e) => e.inviteID === inviteID);
    expect(missed).toMatchObject({ missed: true, isSelfTimeout: true, inviteeList: ['bob'] });
    expect(bob.seen('invitationReceived')).toEqual([]);
    await vi.waitFor(async () => expect(await storage.missedOf('bob'), 'the missed timeout is acknowledged').toEqual([]));
    bob.disconnect();

    const bobAgain = await connectClient(server, 'bob');
    const { inviteID: later } = await alice.invite('bob', { timeout: 30 });
    await bobAgain.next('invitationReceived', (e) => e.inviteID === later);
    expect(bobAgain.seen('invitationTimeout')).toEqual([]);
    expect(bobAgain.getInvitation(inviteID)).toBeUndefined();
  });

  it('an invitation that ended while bob was online is not replayed as missed to his next device', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob', { timeout: 30 });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    await alice.cancel(inviteID);
    const cancelled = await bob.next('invitationCancelled', (e) => e.inviteID === inviteID);
    expect(cancelled.missed).toBeFalsy();

    const laptop = await connectClient(server, 'bob', { deviceID: 'laptop' });
    const { inviteID: later } = await alice.invite('bob', { timeout: 30 });
    await laptop.next('invitationReceived', (e) => e.inviteID === later);
    expect(laptop.seen('invitationCancelled')).toEqual([]);
  });
  it('bob rang, then went offline; the call was cancelled: his next device shows it as missed and does not ring', async () => {
    const storage = createMemoryStorage();
    // No coalescing: the cancel is published before the laptop connects, so the laptop learns it only from storage.
    const server = await startServer({ storage, coalesceWindowMs: 0 });
    const alice = await connectClient(server, 'alice');
    const phone = await connectClient(server, 'bob', { deviceID: 'phone' });
    const { inviteID } = await alice.invite('bob', { timeout: 30 });
    await phone.next('invitationReceived', (e) => e.inviteID === inviteID);
    phone.disconnect();
    await vi.waitFor(async () => expect(await storage.deviceCount('bob'), 'the server sees bob gone').toBe(0));
    await alice.cancel(inviteID, { data: 'missed you' });

    const laptop = await connectClient(server, 'bob', { deviceID: 'laptop' });
    const { inviteID: later } = await alice.invite('bob', { timeout: 30 });
    await laptop.next('invitationReceived', (e) => e.inviteID === later);
    expect(laptop.seen('invitationReceived').map((e) => e.inviteID)).toEqual([later]);
    const cancelled = laptop.seen('invitationCancelled').filter((e) => e.inviteID === inviteID);
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]).toMatchObject({ missed: true, data: 'missed you' });
  });
});

describe('onlineUserOnly: only devices online at the time of the invite ring', () => {
  it('an offline invitee never gets it, it leaves no history, and it cannot be modified', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice');
    const carol = await connectClient(server, 'carol');

    const { inviteID } = await alice.invite(['bob', 'carol'], { timeout: 30, onlineUserOnly: true, data: 'now or never' });
    const ring = await carol.next('invitationReceived', (e) => e.inviteID === inviteID);
    expect(ring.invitation.onlineUserOnly).toBe(true);

    const bob = await connectClient(server, 'bob');
    // A normal invitation sent afterwards proves bob is in sync and listening.
    const { inviteID: normal } = await alice.invite('bob', { timeout: 30 });
    await bob.next('invitationReceived', (e) => e.inviteID === normal);
    expect(bob.seen('invitationReceived').map((e) => e.inviteID)).toEqual([normal]);
    expect(bob.getInvitation(inviteID)).toBeUndefined();

    expect(await codeOf(alice.modify(inviteID, 'changed'))).toBe('INVALID_STATE');
    expect((await storage.getInvitation(inviteID))?.data).toBe('now or never');

    // Cancelling it does not make it a missed call for bob either.
    await alice.cancel(inviteID);
    const bobLater = await connectClient(server, 'bob', { deviceID: 'later' });
    const { inviteID: third } = await alice.invite('bob', { timeout: 30 });
    await bobLater.next('invitationReceived', (e) => e.inviteID === third);
    expect(bobLater.getInvitation(inviteID)).toBeUndefined();
    expect(bobLater.seen('invitationCancelled')).toEqual([]);

    // No history, for bob or for carol.
    for (const [client, peer] of [[bob, 'alice'], [carol, 'alice'], [alice, 'bob'], [alice, 'carol']] as const) {
      const { messages } = await client.getHistory({ conversation: { type: 'c2c', userID: peer }, count: 100 });
      expect(messages.filter((m) => m.signaling.inviteID === inviteID), `${client.userID}↔${peer}`).toEqual([]);
    }
  });

  it('an online invitee of an onlineUserOnly invitation can accept it as usual', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob', { timeout: 30, onlineUserOnly: true });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    await bob.accept(inviteID, { data: 'here' });
    expect(await alice.next('inviteeAccepted', (e) => e.inviteID === inviteID)).toMatchObject({ invitee: 'bob', data: 'here' });
    await until(() => alice.getInvitation(inviteID)?.state === 'ended');
  });
});
