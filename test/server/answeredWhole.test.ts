import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { RingkitServer } from '../../src/server/index.js';
import { UPDATE_EVENT } from '../../src/protocol/wire.js';
import { connectClient, startServer, until } from '../support/harness.js';

const sockets: Socket[] = [];
afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));

/** The versions of `invitation:update` the server writes to each connection (by socket id). */
function recordUpdates(server: RingkitServer): Map<string, number[]> {
  const byConnection = new Map<string, number[]>();
  server.io.on('connection', (socket) => {
    const versions: number[] = [];
    byConnection.set(socket.id, versions);
    socket.conn.on('packetCreate', (packet: { type: string; data?: unknown }) => {
      if (packet.type !== 'message' || typeof packet.data !== 'string' || !packet.data.startsWith(`2["${UPDATE_EVENT}"`)) return;
      versions.push((JSON.parse(packet.data.slice(1)) as [string, { invitation: { version: number } }])[1].invitation.version);
    });
  });
  return byConnection;
}

/** The socket id the server gave the one connection of `userID` made after `known`. */
const connectionOf = (server: RingkitServer, userID: string, deviceID?: string) =>
  [...server.io.sockets.sockets.values()].find((s) => s.data.session?.userID === userID && (deviceID === undefined || s.data.session?.deviceID === deviceID))!.id;

describe('the device whose answer carried the whole invitation gets no echo of it (1v1)', () => {
  it('invite and accept: the acting device hears no update of its own change; every other device does, and all mirrors agree', async () => {
    const server = await startServer();
    const updates = recordUpdates(server);
    const alice = await connectClient(server, 'alice', { deviceID: 'phone' });
    const aliceLaptop = await connectClient(server, 'alice', { deviceID: 'laptop' });
    const bob = await connectClient(server, 'bob', { deviceID: 'phone' });
    const bobLaptop = await connectClient(server, 'bob', { deviceID: 'laptop' });

    const { inviteID, invitation } = await alice.invite('bob');
    expect(invitation.users).toHaveLength(1);
    await bob.next('invitationReceived');
    await bobLaptop.next('invitationReceived');
    await aliceLaptop.next('invitationCreated');
    await bob.accept(inviteID, { data: 'yes' });
    await alice.next('inviteeAccepted');
    await aliceLaptop.next('inviteeAccepted');
    const version = alice.getInvitation(inviteID)!.version;
    await until(() => [aliceLaptop, bob, bobLaptop].every((c) => c.getInvitation(inviteID)?.version === version), 5000, 'every mirror at the last version');
    for (const c of [aliceLaptop, bob, bobLaptop]) expect(c.getInvitation(inviteID)).toEqual(alice.getInvitation(inviteID));

    const invited = 1;
    const accepted = version;
    // alice's phone invited: it hears bob's accept only; bob's phone accepted: it heard the ring only.
    expect(updates.get(connectionOf(server, 'alice', 'phone'))).not.toContain(invited);
    expect(updates.get(connectionOf(server, 'alice', 'phone'))).toContain(accepted);
    expect(updates.get(connectionOf(server, 'bob', 'phone'))).toContain(invited);
    expect(updates.get(connectionOf(server, 'bob', 'phone'))).not.toContain(accepted);
    // The other devices hear both.
    expect(updates.get(connectionOf(server, 'alice', 'laptop'))).toEqual(expect.arrayContaining([invited, accepted]));
    expect(updates.get(connectionOf(server, 'bob', 'laptop'))).toEqual(expect.arrayContaining([invited, accepted]));
    // Only the answering device shows the accept as its own (the laptop stops ringing: answered elsewhere).
    expect(bob.getInvitation(inviteID)?.users[0]).toMatchObject({ state: 'accepted', data: 'yes', deviceID: 'phone' });
  });

  it('a device that did not ask for packed updates (not ringkit\'s client) still gets the update of its own change', async () => {
    const server = await startServer();
    const updates = recordUpdates(server);
    const bob = await connectClient(server, 'bob');
    const plain = io(server.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { userID: 'alice', deviceID: 'plain' } });
    sockets.push(plain);
    await new Promise<void>((resolve, reject) => (plain.once('connect', resolve), plain.once('connect_error', reject)));
    await plain.emitWithAck('session:sync', { known: {} });

    const ack = (await plain.emitWithAck('invitation:invite', { invitees: ['bob'], requestID: 'r1' })) as { ok: boolean; result: { invitation: { version: number } } };
    expect(ack.ok).toBe(true);
    await bob.next('invitationReceived');
    await until(() => (updates.get(plain.id!) ?? []).includes(ack.result.invitation.version), 5000, 'the plain device hears its own invitation');
  });
});
