import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../src/server/index.js';
import { connectClient, networkLoss, startServer, until } from '../support/harness.js';

describe('reconnect: bob loses the network for a while', () => {
  it('everything that happened while he was away reaches him exactly once, and his mirror equals the server', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const modified = await alice.invite('bob', { timeout: 60, data: 'v1' });
    const cancelled = await alice.invite('bob', { timeout: 60, data: 'to be cancelled' });
    const expiring = await alice.invite('bob', { timeout: 1 });
    const untouched = await alice.invite('bob', { timeout: 60, data: 'still here' });
    for (const { inviteID } of [modified, cancelled, expiring, untouched]) {
      await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    }

    const loss = networkLoss(server, 'bob');
    await bob.next('connectionStateChanged', (e) => e.state === 'reconnecting');

    await alice.modify(modified.inviteID, 'v2');
    await alice.cancel(cancelled.inviteID, { data: 'sorry' });
    const fresh = await alice.invite('bob', { timeout: 60, data: 'while you were away' });
    await alice.next('invitationTimeout', (e) => e.inviteID === expiring.inviteID);
    expect(bob.connectionState).toBe('reconnecting');

    loss.release();
    await bob.next('connectionStateChanged', (e) => e.state === 'connected' && e.previous === 'reconnecting');

    const ids = [modified, cancelled, expiring, untouched, fresh].map((r) => r.inviteID);
    // The fresh invitation moves on to `received` once bob acknowledges it; let that settle first.
    await until(() => alice.getInvitation(fresh.inviteID)?.users[0]?.state === 'received', 5000, 'bob acknowledged the fresh invitation');
    for (const [i, id] of ids.entries()) {
      const onServer = await storage.getInvitation(id);
      await until(() => bob.getInvitation(id)?.version === onServer?.version, 5000, `bob mirror of invitation ${i}`);
      expect(bob.getInvitation(id), `invitation ${i}`).toEqual(onServer);
    }

    const count = (name: 'invitationReceived' | 'invitationModified' | 'invitationCancelled' | 'invitationTimeout', id: string) =>
      bob.seen(name).filter((e) => e.inviteID === id).length;
    for (const id of ids) expect(count('invitationReceived', id)).toBe(1);
    expect(count('invitationModified', modified.inviteID)).toBe(1);
    expect(bob.seen('invitationModified').find((e) => e.inviteID === modified.inviteID)?.data).toBe('v2');
    expect(count('invitationCancelled', cancelled.inviteID)).toBe(1);
    expect(bob.seen('invitationCancelled').find((e) => e.inviteID === cancelled.inviteID)?.data).toBe('sorry');
    expect(count('invitationTimeout', expiring.inviteID)).toBe(1);
    expect(bob.seen('invitationTimeout').find((e) => e.inviteID === expiring.inviteID)?.isSelfTimeout).toBe(true);
    expect(count('invitationCancelled', untouched.inviteID) + count('invitationTimeout', untouched.inviteID)).toBe(0);
    expect(count('invitationModified', untouched.inviteID)).toBe(0);

    // And life goes on: bob answers the one that rang while he was away.
    await bob.accept(fresh.inviteID, { data: 'back' });
    expect(await alice.next('inviteeAccepted', (e) => e.inviteID === fresh.inviteID)).toMatchObject({ data: 'back' });
  });

  it('two drops in a row replay nothing twice', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob', { timeout: 60, data: 'a' });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);

    for (const data of ['b', 'c']) {
      const loss = networkLoss(server, 'bob');
      await until(() => bob.connectionState === 'reconnecting', 5000, 'bob notices the loss');
      await alice.modify(inviteID, data);
      loss.release();
      await until(() => bob.connectionState === 'connected', 5000, 'bob reconnected');
      await until(() => bob.getInvitation(inviteID)?.data === data, 5000, `bob sees ${data}`);
    }
    expect(bob.seen('invitationReceived').filter((e) => e.inviteID === inviteID)).toHaveLength(1);
    expect(bob.seen('invitationModified').map((e) => e.data)).toEqual(['b', 'c']);
    expect(bob.getInvitation(inviteID)).toEqual(await storage.getInvitation(inviteID));
  });

  it('the inviter drops too: alice reconnects and hears the answer she missed', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob', { timeout: 60 });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);

    const loss = networkLoss(server, 'alice');
    await alice.next('connectionStateChanged', (e) => e.state === 'reconnecting');
    await bob.reject(inviteID, { data: 'not now' });
    loss.release();

    const rejected = await alice.next('inviteeRejected', (e) => e.inviteID === inviteID);
    expect(rejected).toMatchObject({ invitee: 'bob', data: 'not now' });
    expect(alice.seen('inviteeRejected')).toHaveLength(1);
    expect(alice.getInvitation(inviteID)).toEqual(await storage.getInvitation(inviteID));
  });
});
