import { describe, expect, it, vi } from 'vitest';
import { createMemoryStorage } from '../../src/server/index.js';
import { connectClient, dropConnections, startServer } from '../support/harness.js';

describe('the caller closes the app (explicit disconnect), with the default 35 s grace period', () => {
  it('bob stops ringing at once: cancelled with reason callerGone', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob', { timeout: 60 });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);

    alice.disconnect();
    const cancelled = await bob.next('invitationCancelled', (e) => e.inviteID === inviteID, 5000);
    expect(cancelled).toMatchObject({ reason: 'callerGone', invitees: ['bob'] });
  });

  it('a network drop is not leaving: the caller is still in the call after coming back', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob', { timeout: 60 });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);

    // The server loses alice's connection without a word from her; her client reconnects by itself.
    dropConnections(server, 'alice');
    await alice.next('connectionStateChanged', (e) => e.state === 'reconnecting');
    await alice.next('connectionStateChanged', (e) => e.state === 'connected' && e.previous === 'reconnecting');
    await vi.waitFor(async () => expect(await storage.deviceCount('alice')).toBe(1));
    await bob.accept(inviteID);
    expect((await storage.getInvitation(inviteID))?.users[0]?.state).toBe('accepted');
  });
});
