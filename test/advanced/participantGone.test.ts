import { describe, expect, it } from 'vitest';
import { connectClient } from '../support/harness.js';
import { callAndRing, startCallServer, userIn } from './callSupport.js';

const GONE = '{"reason":"gone"}';

describe('participant gone: an accepted user whose devices all vanished leaves the call', () => {
  it('bob disappears for good: after the grace period he has quit, and the 1v1 call ends with the reason alice sees', async () => {
    const server = await startCallServer({ callerGraceSeconds: 1 });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const inviteID = await callAndRing(alice, [bob]);
    await bob.accept(inviteID);
    bob.disconnect();

    const change = await alice.next('callUserStateChanged', (e) => e.callUserList.some((u) => u.userID === 'bob' && u.state === 'quit'));
    expect(change.callUserList.find((u) => u.userID === 'bob')).toMatchObject({ state: 'quit', data: GONE });
    const ended = await alice.next('invitationEnded', (e) => e.inviteID === inviteID);
    expect(ended).toMatchObject({ endReason: 'ended', operatedUserID: 'bob', data: GONE });
    const snapshot = await server.snapshot(inviteID);
    expect(userIn(snapshot, 'bob')).toMatchObject({ state: 'quit', data: GONE });
    expect(userIn(snapshot, 'alice')?.state).toBe('accepted');
  });

  it('when the one who vanished was the last one in the call, the call ends empty', async () => {
    const server = await startCallServer({ callerGraceSeconds: 1 });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const carol = await connectClient(server, 'carol');

    const inviteID = await callAndRing(alice, [bob, carol]);
    await bob.accept(inviteID);
    await carol.reject(inviteID);
    await alice.quit(inviteID);
    expect((await server.snapshot(inviteID)).state).toBe('active');

    bob.disconnect();
    const ended = await alice.next('invitationEnded', (e) => e.inviteID === inviteID);
    expect(ended.endReason).toBe('empty');
    const snapshot = await server.snapshot(inviteID);
    expect(snapshot).toMatchObject({ state: 'ended', endReason: 'empty' });
    expect(userIn(snapshot, 'bob')).toMatchObject({ state: 'quit', data: GONE });
  });

  it('the inviter vanishing after someone accepted only takes her out; invitees keep ringing', async () => {
    const server = await startCallServer({ callerGraceSeconds: 1 });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const carol = await connectClient(server, 'carol');

    const inviteID = await callAndRing(alice, [bob, carol]);
    await bob.accept(inviteID);
    alice.disconnect();

    await bob.next('callUserStateChanged', (e) => e.callUserList.some((u) => u.userID === 'alice' && u.state === 'quit'));
    const snapshot = await server.snapshot(inviteID);
    expect(userIn(snapshot, 'alice')).toMatchObject({ state: 'quit', data: GONE });
    expect(userIn(snapshot, 'carol')?.state).toBe('received');
    expect(snapshot.state).toBe('active');
    expect(carol.seen('invitationCancelled')).toEqual([]);
  });
});
