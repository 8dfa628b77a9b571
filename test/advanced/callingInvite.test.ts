import { describe, expect, it } from 'vitest';
import { connectClient, until } from '../support/harness.js';
import { callAndRing, startCallServer, userIn } from './callSupport.js';

describe('callingInvite: who can be brought into a running call', () => {
  it('returns users already ringing or in the call as errorInvitees, and rings only the new ones', async () => {
    const server = await startCallServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const dave = await connectClient(server, 'dave');

    const inviteID = await callAndRing(alice, [bob], ['carol']);
    await bob.accept(inviteID);

    // bob is in the call, carol is still ringing, dave is new
    const result = await alice.callingInvite(inviteID, ['bob', 'carol', 'dave'], { data: 'more people' });
    expect(result.errorInvitees.map((e) => e.userID).sort()).toEqual(['bob', 'carol']);
    for (const e of result.errorInvitees) expect(typeof e.code).toBe('string');
    const snapshot = await server.snapshot(inviteID);
    expect(userIn(snapshot, 'bob')?.state).toBe('accepted');
    expect(userIn(snapshot, 'dave')?.state).toBe('inviting');
    expect(await dave.next('invitationReceived', (e) => e.inviteID === inviteID)).toMatchObject({ inviter: 'alice', mode: 'advanced' });
    // bob's own ring is not repeated
    expect(bob.seen('invitationReceived').filter((e) => e.inviteID === inviteID)).toHaveLength(1);
  });

  it('gives each new invitee their own timeout', async () => {
    const server = await startCallServer();
    const alice = await connectClient(server, 'alice');
    const dave = await connectClient(server, 'dave');

    const { inviteID } = await alice.invite('bob', { mode: 'advanced', timeout: 30 });
    await alice.callingInvite(inviteID, ['dave'], { timeout: 1 });
    const ring = await dave.next('invitationReceived', (e) => e.inviteID === inviteID);
    expect(ring.timeout).toBe(1);
    await dave.next('invitationTimeout', (e) => e.inviteID === inviteID && e.isSelfTimeout);
    const snapshot = await server.snapshot(inviteID);
    expect(userIn(snapshot, 'dave')?.state).toBe('timeout');
    expect(userIn(snapshot, 'bob')?.state).not.toBe('timeout');
    expect(snapshot.state).toBe('active');
  });

  it('rings again someone who declined earlier', async () => {
    const server = await startCallServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const dave = await connectClient(server, 'dave');

    const inviteID = await callAndRing(alice, [dave, bob]);
    await bob.accept(inviteID);
    await dave.reject(inviteID, { data: 'busy right now' });

    // a little later bob tries dave again
    const again = await bob.callingInvite(inviteID, ['dave']);
    expect(again.errorInvitees).toEqual([]);
    expect(userIn(await server.snapshot(inviteID), 'dave')?.state).toBe('inviting');
    await until(() => dave.seen('invitationReceived').filter((e) => e.inviteID === inviteID).length === 2, 5000, 'a second ring');

    // and this time dave picks up
    await dave.accept(inviteID);
    expect(await alice.next('inviteeAccepted', (e) => e.invitee === 'dave')).toMatchObject({ inviteID });
  });

  it('rings again someone who left the call', async () => {
    const server = await startCallServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const inviteID = await callAndRing(alice, [bob]);
    await bob.accept(inviteID);
    await bob.quit(inviteID);

    await alice.callingInvite(inviteID, ['bob']);
    expect(userIn(await server.snapshot(inviteID), 'bob')?.state).toBe('inviting');
    await until(() => bob.seen('invitationReceived').filter((e) => e.inviteID === inviteID).length === 2, 5000, 'a second ring');
    await bob.accept(inviteID);
    expect(userIn(await server.snapshot(inviteID), 'bob')?.state).toBe('accepted');
  });

  it('rings the inviter too, when she left her own call and is called back', async () => {
    const server = await startCallServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const inviteID = await callAndRing(alice, [bob]);
    await bob.accept(inviteID);
    await alice.quit(inviteID);

    // alice is in a terminal state (quit), so she may be invited again
    await bob.callingInvite(inviteID, ['alice']);
    expect(userIn(await server.snapshot(inviteID), 'alice')?.state).toBe('inviting');
    const ring = await alice.next('invitationReceived', (e) => e.inviteID === inviteID);
    expect(ring.mode).toBe('advanced');
    await alice.accept(inviteID);
    expect(userIn(await server.snapshot(inviteID), 'alice')?.state).toBe('accepted');
  });
});
