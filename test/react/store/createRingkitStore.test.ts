import { describe, expect, it } from 'vitest';
import { createRingkitStore } from '../../../src/store/index.js';
import { connectClient, startServer } from '../support/ringkit.js';
import { until } from '../../support/harness.js';

describe('createRingkitStore without React', () => {
  it('starts from the client’s mirror, follows its events, and stops after destroy', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const early = await alice.invite('bob');
    await bob.next('invitationReceived', (e) => e.inviteID === early.inviteID);

    const store = createRingkitStore(bob);
    expect(store.getState()).toMatchObject({ userID: 'bob', connectionState: 'connected', busy: false, lastError: null });
    expect(store.getState().parts[early.inviteID]).toEqual({ role: 'invitee', state: expect.stringMatching(/inviting|received/) });

    const later = await alice.invite('bob');
    await until(() => store.getState().invitations[later.inviteID] !== undefined, 5000, 'the store sees the new invitation');
    store.setBusy(true);
    expect(store.getState().busy).toBe(true);

    store.destroy();
    await alice.cancel(later.inviteID);
    await bob.next('invitationCancelled', (e) => e.inviteID === later.inviteID);
    expect(store.getState().invitations[later.inviteID]?.state).toBe('active');
  });

  it('counts attachments: one set of listeners however many attach, resynced on attach', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const store = createRingkitStore(bob, { attach: false });
    const { inviteID } = await alice.invite('bob');
    await bob.next('invitationReceived');
    expect(store.getState().invitations[inviteID]).toBeUndefined();

    const detachA = store.attach();
    const detachB = store.attach();
    expect(store.getState().invitations[inviteID]).toBeDefined(); // caught up from the mirror
    let notified = 0;
    store.subscribe(() => notified++);
    detachA();
    detachA(); // twice is harmless
    await alice.modify(inviteID, 'x');
    await until(() => store.getState().invitations[inviteID]?.data === 'x', 5000, 'still attached through B');
    const seen = notified;
    detachB();
    await alice.modify(inviteID, 'y');
    await bob.next('invitationModified', (e) => e.data === 'y');
    expect(store.getState().invitations[inviteID]?.data).toBe('x');
    expect(notified).toBe(seen);
  });
});
