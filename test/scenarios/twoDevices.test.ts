import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../src/server/index.js';
import { connectClient, startServer, until } from '../support/harness.js';

describe('bob has a phone and a laptop', () => {
  it('both ring; bob accepts on the phone; the laptop stops ringing and learns it was answered on the phone', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice');
    const phone = await connectClient(server, 'bob', { deviceID: 'phone' });
    const laptop = await connectClient(server, 'bob', { deviceID: 'laptop' });

    const { inviteID } = await alice.invite('bob', { timeout: 30, data: 'video?' });
    for (const device of [phone, laptop]) {
      const ring = await device.next('invitationReceived', (e) => e.inviteID === inviteID);
      expect(ring).toMatchObject({ inviter: 'alice', data: 'video?' });
    }

    await phone.accept(inviteID, { data: 'picked up' });

    const onLaptop = await laptop.next(
      'callUserStateChanged',
      (e) => e.inviteID === inviteID && e.callUserList.some((u) => u.userID === 'bob' && u.state === 'accepted'),
    );
    expect(onLaptop.callUserList.find((u) => u.userID === 'bob')).toMatchObject({ deviceID: 'phone', data: 'picked up' });
    const accepted = await laptop.next('inviteeAccepted', (e) => e.inviteID === inviteID);
    expect(accepted).toMatchObject({ invitee: 'bob', deviceID: 'phone', data: 'picked up' });
    expect(laptop.getInvitation(inviteID)?.users[0]).toMatchObject({ state: 'accepted', deviceID: 'phone' });

    const forAlice = await alice.next('inviteeAccepted', (e) => e.inviteID === inviteID);
    expect(forAlice.deviceID).toBe('phone');

    const final = await storage.getInvitation(inviteID);
    await until(() => [alice, phone, laptop].every((c) => c.getInvitation(inviteID)?.version === final?.version));
    for (const c of [alice, phone, laptop]) expect(c.getInvitation(inviteID)).toEqual(final);
    // Each device rang exactly once.
    expect(phone.seen('invitationReceived').filter((e) => e.inviteID === inviteID)).toHaveLength(1);
    expect(laptop.seen('invitationReceived').filter((e) => e.inviteID === inviteID)).toHaveLength(1);
  });

  it('bob rejects on the laptop; the phone learns it with the deviceID laptop', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const phone = await connectClient(server, 'bob', { deviceID: 'phone' });
    const laptop = await connectClient(server, 'bob', { deviceID: 'laptop' });

    const { inviteID } = await alice.invite('bob', { timeout: 30 });
    await phone.next('invitationReceived', (e) => e.inviteID === inviteID);
    await laptop.next('invitationReceived', (e) => e.inviteID === inviteID);
    await laptop.reject(inviteID, { data: 'in a meeting' });

    const rejected = await phone.next('inviteeRejected', (e) => e.inviteID === inviteID);
    expect(rejected).toMatchObject({ invitee: 'bob', deviceID: 'laptop', data: 'in a meeting' });
    expect(phone.getInvitation(inviteID)?.users[0]?.state).toBe('rejected');
  });

  it("alice's second device hears about the invitation she made on the first (invitationCreated)", async () => {
    const server = await startServer();
    const desk = await connectClient(server, 'alice', { deviceID: 'desk' });
    const pocket = await connectClient(server, 'alice', { deviceID: 'pocket' });
    await connectClient(server, 'bob');

    const { inviteID } = await desk.invite('bob', { timeout: 30, data: 'from the desk' });
    const created = await pocket.next('invitationCreated', (e) => e.inviteID === inviteID);
    expect(created.invitation).toMatchObject({ inviter: 'alice', data: 'from the desk' });
    expect(desk.seen('invitationCreated')).toEqual([]);
    expect(pocket.seen('invitationReceived')).toEqual([]);
  });
});
