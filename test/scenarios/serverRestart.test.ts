import { describe, expect, it } from 'vitest';
import { connectClient, startServer, until } from '../support/harness.js';

describe('an in-memory server restarts while bob’s phone is ringing', () => {
  it('reconnects both clients by themselves and stops the dead call from ringing', async () => {
    const first = await startServer();
    const alice = await connectClient(first, 'alice');
    const bob = await connectClient(first, 'bob');
    const { inviteID } = await alice.invite('bob', { timeout: 600 });
    await bob.next('invitationReceived');

    await first.close();
    await until(() => bob.connectionState === 'reconnecting', 5000, 'bob to notice');
    const second = await startServer({ port: first.port });
    await until(() => bob.connectionState === 'connected' && alice.connectionState === 'connected', 10_000, 'reconnect');

    expect(bob.getInvitation(inviteID)?.state).toBe('ended');
    expect(alice.getInvitation(inviteID)?.state).toBe('ended');
    // Issue 13, defect 6: the ringing ends with a terminal event, and bob's own state is no longer pending.
    expect(bob.getInvitation(inviteID)?.users.find((u) => u.userID === 'bob')?.state).toBe('cancelled');
    expect(bob.seen('invitationCancelled')).toEqual([expect.objectContaining({ inviteID, invitees: ['bob'], reason: 'cancelled' })]);
    expect(alice.seen('invitationCancelled')).toEqual([expect.objectContaining({ inviteID, invitees: ['bob'] })]);
    const { inviteID: next } = await alice.invite('bob');
    await bob.next('invitationReceived', (e) => e.inviteID === next);
    expect(second.port).toBe(first.port);
  });
});
