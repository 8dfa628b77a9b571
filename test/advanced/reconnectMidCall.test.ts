import type { Socket } from 'socket.io';
import { describe, expect, it } from 'vitest';
import { connectClient, until } from '../support/harness.js';
import { type CallServer, expectMirrorsEqualServer, startCallServer, userIn } from './callSupport.js';

const socketsOf = (server: CallServer, userID: string): Socket[] =>
  [...server.io.sockets.sockets.values()].filter((s) => (s.data as { session?: { userID: string } }).session?.userID === userID);

/** Holds every new connection of `userID` at the handshake until `release()` is called. */
function holdReconnects(server: CallServer, userID: string): { release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  server.io.use((socket, next) => {
    if ((socket.data as { session?: { userID: string } }).session?.userID === userID) void gate.then(() => next());
    else next();
  });
  return { release };
}

describe('reconnect in the middle of a call', () => {
  it("carol's connection drops; what happened while she was away reaches her once", async () => {
    const server = await startCallServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const carol = await connectClient(server, 'carol', { deviceID: 'carol-phone' });
    const dave = await connectClient(server, 'dave');

    // alice, bob and carol are talking; dave's phone is ringing
    const { inviteID } = await alice.invite(['bob', 'carol', 'dave'], { mode: 'advanced', timeout: 30 });
    for (const c of [bob, carol, dave]) await c.next('invitationReceived', (e) => e.inviteID === inviteID);
    await bob.accept(inviteID);
    await carol.accept(inviteID);
    await server.untilState(inviteID, 'dave', 'received');
    await expectMirrorsEqualServer(server, inviteID, [alice, bob, carol, dave]);
    const versionBeforeDrop = carol.getInvitation(inviteID)!.version;

    // carol's network drops; her client will reconnect by itself, once we let it
    const gate = holdReconnects(server, 'carol');
    const [carolSocket] = socketsOf(server, 'carol');
    carolSocket!.conn.close();
    await until(() => carol.connectionState === 'reconnecting', 5000, 'carol reconnecting');
    await until(() => socketsOf(server, 'carol').length === 0, 5000, 'carol gone from the server');

    // while she is away, dave joins and bob leaves
    await dave.join(inviteID, { data: 'dave here' });
    await bob.quit(inviteID, { data: 'bob out' });
    await alice.next('callUserStateChanged', (e) => e.callUserList.some((u) => u.userID === 'bob' && u.state === 'quit'));
    expect(carol.getInvitation(inviteID)!.version, 'carol heard nothing while away').toBe(versionBeforeDrop);

    // she is back
    gate.release();
    await until(() => carol.connectionState === 'connected', 5000, 'carol connected again');
    await expectMirrorsEqualServer(server, inviteID, [alice, dave, carol]);
    expect(userIn(carol.getInvitation(inviteID), 'dave')).toMatchObject({ state: 'accepted', data: 'dave here' });
    expect(userIn(carol.getInvitation(inviteID), 'bob')).toMatchObject({ state: 'quit', data: 'bob out' });

    // she learned of each change, and of none twice
    const accepted = carol.seen('inviteeAccepted').filter((e) => e.inviteID === inviteID);
    expect(accepted.filter((e) => e.invitee === 'dave')).toHaveLength(1);
    expect(accepted.filter((e) => e.invitee === 'bob')).toHaveLength(1);
    const stateChanges = carol
      .seen('callUserStateChanged')
      .filter((e) => e.inviteID === inviteID)
      .flatMap((e) => e.callUserList.map((u) => `${u.userID}@${u.version}:${u.state}`));
    expect(new Set(stateChanges).size, 'no user change shown twice').toBe(stateChanges.length);
    expect(stateChanges.filter((s) => s.startsWith('bob@') && s.endsWith(':quit'))).toHaveLength(1);
    expect(stateChanges.filter((s) => s.startsWith('dave@') && s.endsWith(':accepted'))).toHaveLength(1);
    const versions = carol.seen('invitationUpdated').filter((e) => e.inviteID === inviteID).map((e) => e.version);
    expect(versions, 'snapshots only move forward').toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(carol.seen('invitationReceived').filter((e) => e.inviteID === inviteID)).toHaveLength(1);

    // and the call goes on with her in it
    await carol.end(inviteID);
    expect(await dave.next('invitationEnded', (e) => e.inviteID === inviteID)).toMatchObject({ operatedUserID: 'carol', endReason: 'ended' });
  });
});
