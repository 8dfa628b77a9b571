import { describe, expect, it } from 'vitest';
import { connectClient } from '../support/harness.js';
import { callAndRing, startCallServer, userIn } from './callSupport.js';

describe('callingInvite with a list that mixes people in the call and people who are not', () => {
  it('returns the caller and carol (ringing) in errorInvitees and invites bob again and dave', async () => {
    const server = await startCallServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const dave = await connectClient(server, 'dave');
    const inviteID = await callAndRing(alice, [bob], ['carol']);
    await bob.reject(inviteID);

    const result = await alice.callingInvite(inviteID, ['carol', 'alice', 'bob', 'dave']);
    expect(result.errorInvitees.map((e) => [e.userID, e.code])).toEqual([
      ['carol', 'INVALID_STATE'],
      ['alice', 'INVALID_STATE'],
    ]);
    const snapshot = await server.snapshot(inviteID);
    expect(userIn(snapshot, 'alice')?.state).toBe('accepted');
    expect(userIn(snapshot, 'bob')?.state).toBe('inviting');
    expect(userIn(snapshot, 'dave')?.state).toBe('inviting');
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID && e.invitation.version === snapshot.version);
    await dave.next('invitationReceived', (e) => e.inviteID === inviteID);
  });

  it('still refuses a list with the same user twice', async () => {
    const server = await startCallServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const inviteID = await callAndRing(alice, [bob]);
    await expect(alice.callingInvite(inviteID, ['dave', 'dave'])).rejects.toMatchObject({ code: 'INVALID_PARAMETER' });
  });
});
