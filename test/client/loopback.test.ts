import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLoopbackTransport, createSignalingClient, type MediaSignalEvent, type SignalingClient } from '../../src/index.js';
import { createLoopbackServer } from '../../src/engine/createLoopbackServer.js';
import { createMemoryGroupDirectory } from '../../src/engine/memory/createMemoryGroupDirectory.js';
import { createMemoryStorage } from '../../src/engine/memory/createMemoryStorage.js';

const open: { server: ReturnType<typeof createLoopbackServer>; clients: SignalingClient[] }[] = [];
afterEach(() => {
  for (const { server, clients } of open.splice(0)) {
    clients.forEach((c) => c.disconnect());
    server.close();
  }
});

async function inPage(userIDs: string[]) {
  const server = createLoopbackServer({ storage: createMemoryStorage(), groups: createMemoryGroupDirectory() });
  const clients = userIDs.map((userID) => createSignalingClient({ transport: createLoopbackTransport(server, { userID }), userID }));
  await Promise.all(clients.map((c) => c.connect()));
  open.push({ server, clients });
  return clients;
}

describe('the in-page loopback transport', () => {
  it('runs a call on the real engine, and each client knows its device as the server does', async () => {
    const [alice, bob] = (await inPage(['alice', 'bob'])) as [SignalingClient, SignalingClient];
    const rang = new Promise<string>((resolve) => bob.on('invitationReceived', (e) => resolve(e.inviteID)));
    const { inviteID } = await alice.invite('bob', { mode: 'advanced' });
    expect(await rang).toBe(inviteID);
    await bob.accept(inviteID);
    const bobInCall = bob.getInvitation(inviteID)?.users.find((u) => u.userID === 'bob');
    expect(bobInCall).toMatchObject({ state: 'accepted', deviceID: bob.deviceID });
    expect(alice.getInvitation(inviteID)?.users.find((u) => u.userID === 'alice')?.deviceID).toBe(alice.deviceID);
  });

  it('gives two loopback devices of one user their own deviceIDs', async () => {
    const [phone, laptop] = (await inPage(['carol', 'carol'])) as [SignalingClient, SignalingClient];
    expect(phone.deviceID).not.toBe(laptop.deviceID);
  });

  it('relays media signals in order to the device that answered, and to no other device of that user', async () => {
    const [alice, phone, laptop] = (await inPage(['alice', 'bob', 'bob'])) as [SignalingClient, SignalingClient, SignalingClient];
    const { inviteID } = await alice.invite('bob', { mode: 'advanced' });
    await phone.accept(inviteID);
    const onPhone: MediaSignalEvent[] = [];
    const onLaptop: MediaSignalEvent[] = [];
    const onAlice: MediaSignalEvent[] = [];
    phone.on('mediaSignal', (e) => onPhone.push(e));
    laptop.on('mediaSignal', (e) => onLaptop.push(e));
    alice.on('mediaSignal', (e) => onAlice.push(e));

    const sent = Array.from({ length: 20 }, (_, i) => `ice ${i}`);
    await Promise.all(sent.map((s) => alice.sendMediaSignal(inviteID, 'bob', s)));
    await phone.sendMediaSignal(inviteID, 'alice', 'answer');
    await vi.waitFor(() => expect(onAlice).toHaveLength(1));
    expect(onPhone.map((e) => e.signal)).toEqual(sent);
    expect(onPhone[0]).toEqual({ inviteID, from: 'alice', fromDeviceID: alice.deviceID, signal: 'ice 0' });
    expect(onAlice[0]).toEqual({ inviteID, from: 'bob', fromDeviceID: phone.deviceID, signal: 'answer' });
    expect(onLaptop).toEqual([]);
    await expect(laptop.sendMediaSignal(inviteID, 'alice', 'x')).rejects.toMatchObject({ code: 'INVITATION_NOT_FOUND' });
  });
});
