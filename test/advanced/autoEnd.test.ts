import { describe, expect, it } from 'vitest';
import { connectClient } from '../support/harness.js';
import { callAndRing, expectMirrorsEqualServer, outcome, startCallServer } from './callSupport.js';

describe('a call ends by itself (endReason empty) once nobody is accepted or pending', () => {
  it('everyone declines, then the inviter hangs up: the call is over', async () => {
    const server = await startCallServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const carol = await connectClient(server, 'carol');

    const inviteID = await callAndRing(alice, [bob, carol]);
    await bob.reject(inviteID);
    await carol.reject(inviteID);

    // alice is still in her own call
    expect((await server.snapshot(inviteID)).state).toBe('active');
    await alice.next('inviteeRejected', (e) => e.invitee === 'carol');
    expect(alice.seen('invitationEnded')).toEqual([]);

    await alice.quit(inviteID, { data: 'nobody came' });
    const ended = await alice.next('invitationEnded', (e) => e.inviteID === inviteID);
    expect(ended).toMatchObject({ endReason: 'empty', operatedUserID: 'alice' });
    expect(await server.snapshot(inviteID)).toMatchObject({ state: 'ended', endReason: 'empty' });
    await expectMirrorsEqualServer(server, inviteID, [alice]);

    // nobody can join a call that is over
    expect(await outcome(bob.join(inviteID))).toBe('INVALID_STATE');
  });

  it('the inviter leaving first does not end the call while invitees are still ringing', async () => {
    const server = await startCallServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const carol = await connectClient(server, 'carol');

    const { inviteID } = await alice.invite('bob', { mode: 'advanced', timeout: 30 });
    await alice.callingInvite(inviteID, ['carol'], { timeout: 1 });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    await carol.next('invitationReceived', (e) => e.inviteID === inviteID);

    await alice.quit(inviteID);
    expect((await server.snapshot(inviteID)).state).toBe('active');

    // bob declines: carol is still ringing, so the call lives on
    await bob.reject(inviteID);
    expect((await server.snapshot(inviteID)).state).toBe('active');

    // carol does not answer: now nobody is left
    const timedOut = await carol.next('invitationTimeout', (e) => e.inviteID === inviteID);
    expect(timedOut).toMatchObject({ inviteeList: ['carol'], isSelfTimeout: true });
    expect(await server.snapshot(inviteID)).toMatchObject({ state: 'ended', endReason: 'empty' });
    expect(await alice.next('invitationEnded', (e) => e.inviteID === inviteID)).toMatchObject({ endReason: 'empty' });
  });

  it('a ringing invitee can still join after the inviter left, and the call lives on', async () => {
    const server = await startCallServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const inviteID = await callAndRing(alice, [bob]);
    await alice.quit(inviteID);
    await bob.accept(inviteID);
    expect((await server.snapshot(inviteID)).state).toBe('active');

    await bob.quit(inviteID);
    expect(await server.snapshot(inviteID)).toMatchObject({ state: 'ended', endReason: 'empty' });
    expect(await alice.next('invitationEnded', (e) => e.inviteID === inviteID)).toMatchObject({ endReason: 'empty', operatedUserID: 'bob' });
  });
});
