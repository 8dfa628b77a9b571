import { describe, expect, it } from 'vitest';
import type { RingkitError } from '../../src/index.js';
import { connectClient, startServer } from '../support/harness.js';

const codeOf = async (p: Promise<unknown>) => (await p.then(() => 'resolved', (e: RingkitError) => e.code)) as string;

describe('onlineUserOnly: bob is offline when alice calls him and carol', () => {
  it('bob comes online a moment later and hears nothing of it, however the invitation changes', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const carol = await connectClient(server, 'carol');
    const { inviteID } = await alice.invite(['carol', 'bob'], { onlineUserOnly: true, timeout: 30 });

    const bob = await connectClient(server, 'bob');
    // carol's device acknowledges receipt, then carol accepts: both are changes bob must not hear of.
    await carol.next('invitationReceived', (e) => e.inviteID === inviteID);
    await alice.next('callUserStateChanged', (e) => e.inviteID === inviteID && e.callUserList.some((u) => u.userID === 'carol' && u.state === 'received'));
    await carol.accept(inviteID);
    await alice.next('inviteeAccepted', (e) => e.inviteID === inviteID);

    // A later call to bob proves his device is listening: anything about the first would have come before it.
    const { inviteID: later } = await alice.invite('bob', { timeout: 30 });
    await bob.next('invitationReceived', (e) => e.inviteID === later);
    expect(bob.events.filter((r) => 'inviteID' in r.event && r.event.inviteID === inviteID)).toEqual([]);
    expect(bob.getInvitation(inviteID)).toBeUndefined();
    // Nor can he find it: not in his list, not by its ID.
    expect((await bob.queryInvitations({ count: 20 })).invitations.map((i) => i.inviteID)).toEqual([later]);
    expect(await codeOf(bob.addInvitedSignaling({ inviteID }))).toBe('INVITATION_NOT_FOUND');
    // For everyone else he is still listed, pending, as the README says.
    expect(alice.getInvitation(inviteID)?.users.find((u) => u.userID === 'bob')?.state).toBe('inviting');
  });
});
