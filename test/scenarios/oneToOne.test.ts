import { describe, expect, it } from 'vitest';
import { connectClient, startServer } from '../support/harness.js';

describe('1v1 call: alice invites bob', () => {
  it('rings bob, and alice hears that bob accepted', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const { inviteID, errorInvitees } = await alice.invite('bob', { data: '{"room":"r1"}', timeout: 30 });
    expect(errorInvitees).toEqual([]);
    const ring = await bob.next('invitationReceived');
    expect(ring).toMatchObject({ inviteID, inviter: 'alice', inviteeList: ['bob'], data: '{"room":"r1"}', mode: 'normal', timeout: 30 });
    expect(ring.remainingSeconds).toBeGreaterThan(25);

    await alice.next('callUserStateChanged', (e) => e.callUserList.some((u) => u.state === 'received'));
    await bob.accept(inviteID, { data: 'ok' });
    const accepted = await alice.next('inviteeAccepted');
    expect(accepted).toMatchObject({ inviteID, invitee: 'bob', data: 'ok' });
    expect(alice.getInvitation(inviteID)).toMatchObject({ state: 'ended', endReason: 'allAnswered' });
    expect(bob.getInvitation(inviteID)?.version).toBe(alice.getInvitation(inviteID)?.version);
  });
});
