import { afterEach, describe, expect, it } from 'vitest';
import { createLoopbackTransport, createSignalingClient, type SignalingClient } from '../../src/index.js';
import { createLoopbackServer } from '../../src/engine/createLoopbackServer.js';
import { createMemoryGroupDirectory } from '../../src/engine/memory/createMemoryGroupDirectory.js';
import { createMemoryStorage } from '../../src/engine/memory/createMemoryStorage.js';
import { createRingkitStore } from '../../src/store/index.js';

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
  return clients as [SignalingClient, SignalingClient];
}

describe("the client's snapshot, the one copy of every invitation", () => {
  it('is an immutable record replaced at each change, before the events, sharing what did not change', async () => {
    const [alice, bob] = await inPage(['alice', 'bob']);
    const first = await alice.invite('bob', { mode: 'advanced' });
    const empty = bob.getSnapshot();
    const seenAtEvent: unknown[] = [];
    let notified = 0;
    const off = bob.subscribe(() => notified++);
    bob.on('invitationReceived', (e) => seenAtEvent.push(bob.getSnapshot()[e.inviteID]));
    const received = new Promise<void>((resolve) => bob.on('invitationReceived', () => resolve()));
    const second = await alice.invite('bob');
    await received;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const held = bob.getSnapshot();
    expect(held).not.toBe(empty);
    expect(bob.getSnapshot()).toBe(held); // the same object until a change
    expect(seenAtEvent.length).toBeGreaterThan(0);
    expect(seenAtEvent.every((inv) => inv !== undefined)).toBe(true); // the record was replaced before the event
    expect(notified).toBeGreaterThan(0);
    const firstSnapshot = held[first.inviteID];
    await bob.reject(second.inviteID);
    expect(bob.getSnapshot()).not.toBe(held);
    expect(bob.getSnapshot()[first.inviteID]).toBe(firstSnapshot); // unchanged invitations keep their reference
    off();
    const count = notified;
    await alice.cancel(first.inviteID);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(bob.getSnapshot()[first.inviteID]?.users.find((u) => u.userID === 'bob')?.state).toBe('cancelled');
    expect(notified).toBe(count);
  });

  it('is what the store holds: the same record, not a copy', async () => {
    const [alice, bob] = await inPage(['alice', 'bob']);
    const store = createRingkitStore(bob);
    const received = new Promise<void>((resolve) => bob.on('invitationReceived', () => resolve()));
    const { inviteID } = await alice.invite('bob');
    await received;
    expect(store.getState().invitations).toBe(bob.getSnapshot());
    expect(store.getState().parts[inviteID]?.role).toBe('invitee');
    await bob.accept(inviteID);
    expect(store.getState().invitations).toBe(bob.getSnapshot());
    expect(store.getState().invitations[inviteID]).toBe(bob.getInvitation(inviteID));
    store.destroy();
  });
});
