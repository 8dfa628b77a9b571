import { describe, expect, it } from 'vitest';
import { createRingkitStore } from '../../src/store/createRingkitStore.js';
import { connectClient, startServer } from '../support/harness.js';

const BUSY = JSON.stringify({ reason: 'busy' });

describe('bob marks his phone busy (setBusy), and alice calls with busyPolicy reject', () => {
  it('the server rejects bob at invite time, and neither of his devices rings', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const phone = await connectClient(server, 'bob', { deviceID: 'phone' });
    const laptop = await connectClient(server, 'bob', { deviceID: 'laptop' });
    await phone.setBusy(true);

    const { inviteID, invitation } = await alice.invite('bob', { busyPolicy: 'reject', timeout: 30 });
    expect(invitation.users[0]).toMatchObject({ userID: 'bob', state: 'rejected', data: BUSY, reason: 'busy' });
    expect(invitation.state).toBe('ended');

    // Without busyPolicy the call still rings (call waiting); its ring proves the devices are listening.
    const { inviteID: waiting } = await alice.invite('bob', { timeout: 30 });
    for (const device of [phone, laptop]) {
      await device.next('invitationReceived', (e) => e.inviteID === waiting);
      expect(device.seen('invitationReceived').map((e) => e.inviteID)).not.toContain(inviteID);
    }
  });

  it('the mark goes with the device: free again once bob clears it, or once the busy device leaves', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const phone = await connectClient(server, 'bob', { deviceID: 'phone' });
    const laptop = await connectClient(server, 'bob', { deviceID: 'laptop' });

    await phone.setBusy(true);
    await phone.setBusy(false);
    const first = await alice.invite('bob', { busyPolicy: 'reject', timeout: 30 });
    expect(first.invitation.users[0]?.state).toBe('inviting');

    await phone.setBusy(true);
    phone.disconnect();
    await laptop.next('invitationReceived', (e) => e.inviteID === first.inviteID);
    await alice.cancel(first.inviteID);
    // The laptop is still here and was never marked: bob rings on it.
    await expect.poll(async () => (await alice.invite('bob', { busyPolicy: 'reject', timeout: 30 })).invitation.users[0]?.state).toBe('inviting');
  });

  it("useBusy's switch (the store's setBusy) reaches the server", async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const phone = await connectClient(server, 'bob', { deviceID: 'phone' });
    const store = createRingkitStore(phone);
    store.setBusy(true);
    await expect.poll(async () => (await alice.invite('bob', { busyPolicy: 'reject' })).invitation.users[0]?.state).toBe('rejected');
    store.destroy();
  });

  it('a busy mark set before connecting reaches the server on connect', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const phone = await connectClient(server, 'bob', { deviceID: 'phone', connect: false });
    await phone.setBusy(true);
    await phone.connect();
    const { invitation } = await alice.invite('bob', { busyPolicy: 'reject' });
    expect(invitation.users[0]?.state).toBe('rejected');
  });
});
