import { afterEach, describe, expect, it } from 'vitest';
import { createLoopbackTransport, createSignalingClient, type SignalingClient } from '../../src/index.js';
import { createLoopbackServer } from '../../src/engine/createLoopbackServer.js';
import { createMemoryGroupDirectory } from '../../src/engine/memory/createMemoryGroupDirectory.js';
import { createMemoryStorage } from '../../src/engine/memory/createMemoryStorage.js';
import { BUSY_DATA } from '../../src/protocol/isBusyRejection.js';
import { createRingkitStore, endAndAccept, type RingkitStore } from '../../src/store/index.js';
import { until } from '../support/harness.js';

const open: { server: ReturnType<typeof createLoopbackServer>; clients: SignalingClient[]; stores: RingkitStore[] }[] = [];
afterEach(() => {
  for (const { server, clients, stores } of open.splice(0)) {
    stores.forEach((s) => s.destroy());
    clients.forEach((c) => c.disconnect());
    server.close();
  }
});

/** Users on one in-page engine, each with a client and an attached store: no React anywhere. */
async function inPage<N extends string>(...userIDs: N[]) {
  const server = createLoopbackServer({ storage: createMemoryStorage(), groups: createMemoryGroupDirectory() });
  const clients = userIDs.map((userID) => createSignalingClient({ transport: createLoopbackTransport(server, { userID }), userID }));
  await Promise.all(clients.map((c) => c.connect()));
  const stores = clients.map((c) => createRingkitStore(c));
  open.push({ server, clients, stores });
  return Object.fromEntries(userIDs.map((id, i) => [id, { client: clients[i]!, store: stores[i]! }])) as Record<N, { client: SignalingClient; store: RingkitStore }>;
}

const stateOf = (who: { client: SignalingClient }, inviteID: string, userID: string) =>
  who.client.getInvitation(inviteID)?.users.find((u) => u.userID === userID)?.state;

describe('the store rules, without React', () => {
  it('busy auto-reject: a call ringing while I am busy is rejected once as busy, however many hold the rule, and never lets ring', async () => {
    const { alice, bob } = await inPage('alice', 'bob');
    bob.store.setBusy(true);
    const releases = [bob.store.busyRejecter.hold(), bob.store.busyRejecter.hold()];
    let rejects = 0;
    const reject = bob.client.reject.bind(bob.client);
    bob.client.reject = (...args) => (rejects++, reject(...args));
    const { inviteID } = await alice.client.invite('bob');
    await until(() => stateOf(alice, inviteID, 'bob') === 'rejected', 5000, 'bob turns the call away');
    expect(alice.client.getInvitation(inviteID)?.users.find((u) => u.userID === 'bob')?.data).toBe(BUSY_DATA);
    expect(rejects).toBe(1);
    releases.forEach((release) => release());

    bob.store.setBusy(false);
    const second = await alice.client.invite('bob');
    await until(() => bob.store.busyRejecter.letRing(bob.store.getState(), 'reject').length === 1, 5000, 'a free bob hears it ring');
    expect(bob.store.busyRejecter.letRing(bob.store.getState(), 'reject')[0]?.inviteID).toBe(second.inviteID);
    expect(rejects).toBe(1);
  });

  it('a 1v1 call the other side left is ended once per client, with nothing mounted; a detached store does nothing', async () => {
    const { alice, bob } = await inPage('alice', 'bob');
    const { inviteID } = await alice.client.invite('bob', { mode: 'advanced' });
    await until(() => bob.client.getInvitation(inviteID) !== undefined, 5000, 'bob rings');
    await bob.client.accept(inviteID);
    await bob.client.quit(inviteID);
    await until(() => alice.client.getInvitation(inviteID)?.state === 'ended', 5000, "alice's store ends the call she was left alone in");
    expect(alice.client.getInvitation(inviteID)?.endedBy).toBe('alice');

    alice.store.destroy();
    const second = await alice.client.invite('bob', { mode: 'advanced' });
    await until(() => bob.client.getInvitation(second.inviteID) !== undefined, 5000, 'bob rings again');
    await bob.client.accept(second.inviteID);
    await bob.client.quit(second.inviteID);
    await until(() => stateOf(alice, second.inviteID, 'bob') === 'quit', 5000, 'alice sees bob leave');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alice.client.getInvitation(second.inviteID)?.state).toBe('active');
  });

  it('end and accept: leaves the connected 1v1 call, then answers the one ringing', async () => {
    const { alice, bob, carol } = await inPage('alice', 'bob', 'carol');
    const call = await bob.client.invite('alice', { mode: 'advanced' });
    await until(() => alice.client.getInvitation(call.inviteID) !== undefined, 5000, 'alice rings');
    await alice.client.accept(call.inviteID);
    const waiting = await carol.client.invite('alice', { mode: 'advanced' });
    await until(() => alice.client.getInvitation(waiting.inviteID) !== undefined, 5000, 'carol rings during the call');
    await endAndAccept(alice.client, alice.store.getState(), waiting.inviteID);
    expect(alice.client.getInvitation(call.inviteID)?.state).toBe('ended');
    expect(stateOf(alice, waiting.inviteID, 'alice')).toBe('accepted');
  });
});
