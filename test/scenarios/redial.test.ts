import { afterEach, describe, expect, it } from 'vitest';
import { cancelCall, REDIAL_DATA } from '../../src/index.js';
import { createMemoryStorage } from '../../src/server/index.js';
import { createRingkitStore, inviteReplacingEarlier, selectRingingInvitations, type RingkitStore } from '../../src/store/index.js';
import { connectClient, crashDevice, startServer, until, type TestClient } from '../support/harness.js';

const stores: RingkitStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.destroy()));
const storeOf = (client: TestClient) => {
  const store = createRingkitStore(client);
  stores.push(store);
  return store;
};
const ringingIDs = (store: RingkitStore) => selectRingingInvitations(store.getState()).map((i) => i.inviteID);

/**
 * Alice calls Bob from a tab that dies while Bob's phone rings (no goodbye: the server keeps the
 * call for callerGraceSeconds, 35 s by default), then opens a new tab. Returns the new tab.
 */
async function callLeftRingingByACrashedTab(mode: 'normal' | 'advanced') {
  const storage = createMemoryStorage();
  const server = await startServer({ storage });
  const oldTab = await connectClient(server, 'alice', { deviceID: 'alice-tab-1' });
  const bob = await connectClient(server, 'bob');
  const bobStore = storeOf(bob);
  const old = await oldTab.invite('bob', { mode, timeout: 60 });
  await bob.next('invitationReceived', (e) => e.inviteID === old.inviteID);
  await crashDevice(server, oldTab);
  const newTab = await connectClient(server, 'alice', { deviceID: 'alice-tab-2' });
  const alice = storeOf(newTab);
  return { storage, server, bob, bobStore, newTab, alice, oldID: old.inviteID };
}

describe('calling someone again replaces my call that still rings for them', () => {
  it('a tab died while Bob rang; the new tab calls again: Bob ends with exactly the live call ringing, the old one is over', async () => {
    const { storage, bob, bobStore, newTab, alice, oldID } = await callLeftRingingByACrashedTab('advanced');
    // The new tab's mirror holds the old call (the protocol keeps it alive: a device of alice is connected).
    expect(alice.getState().invitations[oldID]).toMatchObject({ state: 'active', inviter: 'alice' });
    expect(ringingIDs(bobStore)).toEqual([oldID]);

    const { inviteID } = await inviteReplacingEarlier(newTab, alice.getState(), 'bob', { mode: 'advanced', timeout: 60 });
    await until(() => ringingIDs(bobStore).length === 1 && ringingIDs(bobStore)[0] === inviteID, 5000, 'only the new call rings for bob');
    const old = await storage.getInvitation(oldID);
    expect(old).toMatchObject({ state: 'ended' });
    expect(old?.users.find((u) => u.userID === 'bob')).toMatchObject({ state: 'cancelled', data: REDIAL_DATA });
    // Bob answers what rings, and is in the call alice's new tab placed.
    await bob.accept(inviteID);
    await until(() => newTab.getInvitation(inviteID)?.users.find((u) => u.userID === 'bob')?.state === 'accepted');
  });

  it('normal mode too; and `replaceEarlier: false` lets both ring', async () => {
    const { bobStore, newTab, alice, oldID } = await callLeftRingingByACrashedTab('normal');
    const both = await inviteReplacingEarlier(newTab, alice.getState(), 'bob', { timeout: 60, replaceEarlier: false });
    await until(() => ringingIDs(bobStore).length === 2, 5000, 'both ring');

    const { inviteID } = await inviteReplacingEarlier(newTab, alice.getState(), ['bob'], { timeout: 60 });
    await until(() => ringingIDs(bobStore).length === 1, 5000, 'one rings');
    expect(ringingIDs(bobStore)).toEqual([inviteID]);
    expect(bobStore.getState().invitations[oldID]).toMatchObject({ state: 'ended', endReason: 'cancelled' });
    expect(bobStore.getState().invitations[both.inviteID]).toMatchObject({ state: 'ended', endReason: 'cancelled' });
  });

  it('only a call to that one person is replaced: not a call to several, not one of another mode, and not after a failed invite', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    await connectClient(server, 'carol');
    const bobStore = storeOf(bob);
    const store = storeOf(alice);
    const several = await alice.invite(['bob', 'carol'], { timeout: 60 });
    const call = await alice.invite('bob', { mode: 'advanced', timeout: 60 });
    await until(() => ringingIDs(bobStore).length === 2);

    const ring = await inviteReplacingEarlier(alice, store.getState(), 'bob', { timeout: 60 });
    await until(() => ringingIDs(bobStore).length === 3, 5000, 'three ring');
    await expect(inviteReplacingEarlier(alice, store.getState(), 'bob', { timeout: 601 })).rejects.toMatchObject({ code: 'INVALID_PARAMETER' });
    await inviteReplacingEarlier(alice, store.getState(), ['bob', 'carol'], { timeout: 60 });
    await until(() => ringingIDs(bobStore).length === 4, 5000, 'four ring');
    expect(ringingIDs(bobStore)).toEqual(expect.arrayContaining([several.inviteID, call.inviteID, ring.inviteID]));
  });

  it('cancelCall from another device ends an advanced call left holding only me (no wait for the grace period)', async () => {
    const { storage, bobStore, newTab, oldID } = await callLeftRingingByACrashedTab('advanced');
    await cancelCall(newTab, oldID);
    await until(() => ringingIDs(bobStore).length === 0, 5000, 'bob stops ringing');
    expect(await storage.getInvitation(oldID)).toMatchObject({ state: 'ended' });
  });
});

describe('the calls ringing for me, in line', () => {
  it('callers in the order they started ringing; a caller who calls again goes first in their own place (the live call)', async () => {
    const server = await startServer();
    const [alice, carol, bob] = await Promise.all(['alice', 'carol', 'bob'].map((id) => connectClient(server, id)));
    const bobStore = storeOf(bob!);
    const carol1 = await carol!.invite('bob', { timeout: 60 });
    await until(() => ringingIDs(bobStore).length === 1);
    const alice1 = await alice!.invite('bob', { timeout: 60 });
    await until(() => ringingIDs(bobStore).length === 2);
    const carol2 = await carol!.invite('bob', { timeout: 60 });
    await until(() => ringingIDs(bobStore).length === 3);
    expect(ringingIDs(bobStore)).toEqual([carol2.inviteID, carol1.inviteID, alice1.inviteID]);
  });
});
