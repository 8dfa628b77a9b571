import { afterEach, describe, expect, it } from 'vitest';
import { createLoopbackTransport, createSignalingClient, type SignalingClient } from '../../src/index.js';
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
});
