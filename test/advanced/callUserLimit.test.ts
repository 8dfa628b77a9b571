import { describe, expect, it } from 'vitest';
import { connectClient } from '../support/harness.js';
import { callAndRing, outcome, startCallServer, userIn } from './callSupport.js';

describe('CALL_USER_LIMIT: at most maxCallUsers accepted or pending users, the inviter included', () => {
  it('refuses an advanced invite that would not fit, and accepts one that just fits', async () => {
    const server = await startCallServer({ maxCallUsers: 3 });
    const alice = await connectClient(server, 'alice');

    expect(await outcome(alice.invite(['bob', 'carol', 'dave'], { mode: 'advanced' }))).toBe('CALL_USER_LIMIT');
    const { invitation } = await alice.invite(['bob', 'carol'], { mode: 'advanced' });
    expect(invitation.users.map((u) => u.userID).sort()).toEqual(['alice', 'bob', 'carol']);
  });

  it('does not apply to normal-mode invitations', async () => {
    const server = await startCallServer({ maxCallUsers: 3 });
    const alice = await connectClient(server, 'alice');
    expect(await outcome(alice.invite(['bob', 'carol', 'dave']))).toBe('ok');
  });

  it('callingInvite into a full call fails until someone rejects', async () => {
    const server = await startCallServer({ maxCallUsers: 3 });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const inviteID = await callAndRing(alice, [bob], ['carol']);
    expect(await outcome(alice.callingInvite(inviteID, ['dave']))).toBe('CALL_USER_LIMIT');
    expect(userIn(await server.snapshot(inviteID), 'dave')).toBeUndefined();

    // bob declines: a place is free again
    await bob.reject(inviteID);
    const { errorInvitees } = await alice.callingInvite(inviteID, ['dave']);
    expect(errorInvitees).toEqual([]);
    expect(userIn(await server.snapshot(inviteID), 'dave')?.state).toBe('inviting');

    // full again: bob, though listed, cannot come back in
    expect(await outcome(bob.join(inviteID))).toBe('CALL_USER_LIMIT');
    expect(userIn(await server.snapshot(inviteID), 'bob')?.state).toBe('rejected');
  });

  it('a group member cannot join a full group call until a place frees up', async () => {
    const server = await startCallServer({ maxCallUsers: 3 });
    await server.groups.createGroup('team', ['alice', 'bob', 'carol', 'gina']);
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const gina = await connectClient(server, 'gina');

    const { inviteID } = await alice.inviteInGroup('team', ['bob', 'carol'], { mode: 'advanced', timeout: 30 });
    // gina is in the group, so she sees the call, but it is full
    await gina.next('invitationUpdated', (e) => e.inviteID === inviteID);
    expect(await outcome(gina.join(inviteID))).toBe('CALL_USER_LIMIT');

    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    await bob.reject(inviteID);
    await gina.join(inviteID);
    expect(userIn(await server.snapshot(inviteID), 'gina')).toMatchObject({ state: 'accepted', deviceID: gina.deviceID });
  });
});
