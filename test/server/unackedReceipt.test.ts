import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createSignalingClient } from '../../src/index.js';
import { UPDATE_EVENT } from '../../src/protocol/wire.js';
import { connectClient, startServer, until } from '../support/harness.js';

const sockets: Socket[] = [];
afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));

describe('the receipt travels without an acknowledgement', () => {
  it('a device may send invitation:received with no ack: it still moves its user to received, and nothing is written back but the update', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const socket = io(server.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { userID: 'bob', deviceID: 'bob-raw', wire: 2 } });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => (socket.once('connect', resolve), socket.once('connect_error', reject)));
    await socket.emitWithAck('session:sync', { known: {} });
    const packets: string[] = [];
    socket.io.engine.on('packet', (p: { type: string; data?: unknown }) => p.type === 'message' && packets.push(String(p.data)));
    let updates = 0;
    socket.on(UPDATE_EVENT, () => updates++);

    const { inviteID } = await alice.invite('bob', { timeout: 60 });
    await until(() => updates === 1, 5000, 'bob rings');
    socket.emit('invitation:received', { inviteID });
    await until(() => alice.getInvitation(inviteID)?.users[0]?.state === 'received', 5000, 'alice sees bob received');
    await until(() => updates === 2, 5000, 'bob hears his own receipt');
    // Two updates (the ring, the receipt) and no acknowledgement (a socket.io ACK packet starts with 3).
    expect(packets.map((p) => p[0])).toEqual(['2', '2']);
  });

  it('ringkit’s client sends its receipt without an ack: a ringing member costs the server no acknowledgement packet', async () => {
    const server = await startServer();
    const acks = new Map<string, number>();
    server.io.on('connection', (s) => {
      const userID = String(s.handshake.auth.userID);
      s.conn.on('packetCreate', (p: { type: string; data?: unknown }) => {
        if (p.type === 'message' && String(p.data).startsWith('3')) acks.set(userID, (acks.get(userID) ?? 0) + 1);
      });
    });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const before = acks.get('bob') ?? 0;
    const { inviteID } = await alice.invite('bob', { timeout: 60 });
    await until(() => bob.getInvitation(inviteID)?.users[0]?.state === 'received', 5000, 'bob’s mirror shows his receipt');
    await until(() => alice.getInvitation(inviteID)?.users[0]?.state === 'received', 5000, 'alice sees bob received');
    expect((acks.get('bob') ?? 0) - before).toBe(0);
    // His answer is still a request with an acknowledgement.
    await bob.accept(inviteID);
    expect((acks.get('bob') ?? 0) - before).toBe(1);
  });

  it('a receipt without an ack that the server refuses changes nothing and keeps the server serving', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const socket = io(server.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { userID: 'bob', deviceID: 'bob-raw' } });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => (socket.once('connect', resolve), socket.once('connect_error', reject)));
    const { inviteID } = await alice.invite('bob', { timeout: 60 });
    socket.emit('invitation:received', { inviteID: 'x'.repeat(5000) });
    socket.emit('invitation:received', 'not an object');
    socket.emit('invitation:received', { inviteID }, 'extra');
    const ack = await socket.timeout(5000).emitWithAck('invitation:get', { inviteID });
    expect(ack).toMatchObject({ ok: true, result: { invitation: { users: [{ userID: 'bob', state: 'inviting' }] } } });
  });

  it('a receipt the server never saw is sent again once the request timeout passes with my state unchanged', async () => {
    const server = await startServer();
    let dropped = 0;
    const execute = server.engine.execute.bind(server.engine);
    // The first receipt is lost on its way (the engine never hears of it).
    server.engine.execute = ((session, name, payload, reply) =>
      name === 'invitation:received' && dropped++ === 0 ? Promise.resolve() : execute(session, name, payload, reply)) as typeof execute;
    const alice = await connectClient(server, 'alice');
    const bob = createSignalingClient({ url: server.url, userID: 'bob', requestTimeoutMs: 300 });
    await bob.connect();
    try {
      const { inviteID } = await alice.invite('bob', { timeout: 60 });
      await until(() => bob.getInvitation(inviteID) !== undefined, 5000, 'bob rings');
      await until(() => alice.getInvitation(inviteID)?.users[0]?.state === 'received', 5000, 'the receipt sent again reaches the server');
      expect(dropped).toBeGreaterThanOrEqual(2);
    } finally {
      bob.disconnect();
    }
  });
});
