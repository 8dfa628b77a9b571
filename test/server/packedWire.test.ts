import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallUser } from '../../src/protocol/types.js';
import { UPDATE_EVENT, type WireUpdate } from '../../src/protocol/wire.js';
import { packUpdate } from '../../src/protocol/packedUpdate.js';
import { userRoom } from '../../src/server/createGroupRooms.js';
import { canWriteEncoded, createUpdateEmitter, encodeUpdatePacket } from '../../src/server/createUpdateEmitter.js';
import { connectClient, startServer, until } from '../support/harness.js';

const sockets: Socket[] = [];
afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));

/** A raw socket.io device of `userID` (dev auth) that records the updates it receives; `wire` as it would say in its handshake. */
async function rawDevice(url: string, userID: string, wire?: number) {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { userID, deviceID: `${userID}-raw`, ...(wire !== undefined && { wire }) } });
  sockets.push(socket);
  const updates: Record<string, unknown>[] = [];
  socket.on(UPDATE_EVENT, (u: Record<string, unknown>) => updates.push(u));
  await new Promise<void>((resolve, reject) => (socket.once('connect', resolve), socket.once('connect_error', reject)));
  await socket.emitWithAck('session:sync', { known: {} });
  return { socket, updates };
}

describe('packed wire: a class receives users as rows; a device that did not ask gets objects', () => {
  it('ringkit clients expand rows to the server snapshot; a plain device and a packed one hear the same users', async () => {
    const server = await startServer();
    await server.groups.createGroup('class', ['teacher', 's1', 's2', 'plain', 'packed']);
    const teacher = await connectClient(server, 'teacher');
    const s1 = await connectClient(server, 's1');
    const s2 = await connectClient(server, 's2');
    const plain = await rawDevice(server.url, 'plain');
    const packed = await rawDevice(server.url, 'packed', 2);

    const { inviteID } = await teacher.inviteInGroup('class', ['s1', 's2', 'plain', 'packed'], { timeout: 60 });
    await s1.accept(inviteID, { data: 'hand' });
    await s2.reject(inviteID);
    const settled = (c: typeof s1) => c.getInvitation(inviteID)?.users.every((u) => u.userID === 'plain' || u.userID === 'packed' || u.state === 'accepted' || u.state === 'rejected');
    await until(() => [teacher, s1, s2].every(settled), 5000, 'every mirror sees both answers');

    // Every ringkit mirror equals the others (each built from packed deltas).
    await until(() => new Set([teacher, s1, s2].map((c) => c.getInvitation(inviteID)?.version)).size === 1, 5000, 'same version everywhere');
    expect(s2.getInvitation(inviteID)?.users).toEqual(teacher.getInvitation(inviteID)?.users);
    expect(s1.getInvitation(inviteID)?.users).toEqual(teacher.getInvitation(inviteID)?.users);
    expect(s1.getInvitation(inviteID)?.users.find((u) => u.userID === 's1')).toMatchObject({ state: 'accepted', data: 'hand', deviceID: s1.deviceID });

    await until(() => plain.updates.length >= 3 && packed.updates.length >= 3, 5000, 'both raw devices hear the invite and both answers');
    // The plain device never sees rows; the packed one never sees user objects.
    for (const u of plain.updates) {
      expect(u).not.toHaveProperty('rows');
      expect((u.invitation as { users: CallUser[] }).users.length).toBeGreaterThan(0);
    }
    for (const u of packed.updates) {
      expect(Array.isArray(u.rows)).toBe(true);
      expect((u.invitation as { users: CallUser[] }).users).toEqual([]);
    }
    const plainUsers = plain.updates.flatMap((u) => (u as unknown as WireUpdate).invitation.users.map((x) => `${x.userID}:${x.state}`));
    const packedUsers = packed.updates.flatMap((u) => (u.rows as [string, number][]).map(([id, s]) => `${id}:${['inviting', 'received', 'notYetReceived', 'accepted', 'rejected'][s]}`));
    expect(packedUsers).toEqual(plainUsers);
    expect(plainUsers).toEqual(expect.arrayContaining(['s1:accepted', 's2:rejected']));
  });
});

describe('a call’s updates travel as plain objects, also to a device that reads rows', () => {
  it('a wire-2 device rung in a one-to-one call gets the users as objects, and ringkit’s clients mirror the call as before', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await rawDevice(server.url, 'bob', 2);
    const carol = await connectClient(server, 'carol');
    const { inviteID } = await alice.invite('bob', { timeout: 60 });
    await until(() => bob.updates.length === 1, 5000, 'bob rings');
    expect(bob.updates[0]).not.toHaveProperty('rows');
    expect((bob.updates[0]!.invitation as { users: { userID: string; state: string }[] }).users).toMatchObject([{ userID: 'bob', state: 'inviting' }]);
    expect(await bob.socket.emitWithAck('invitation:accept', { inviteID })).toMatchObject({ ok: true });
    await until(() => alice.getInvitation(inviteID)?.users[0]?.state === 'accepted', 5000, 'alice sees bob accept');
    // A ringkit client (wire 2) on the receiving side of a call mirrors it from plain updates.
    const second = await carol.invite('alice', { timeout: 60 });
    await until(() => alice.getInvitation(second.inviteID)?.users[0]?.state === 'inviting', 5000, 'alice rings');
    await alice.accept(second.inviteID);
    await until(() => carol.getInvitation(second.inviteID)?.users[0]?.state === 'accepted', 5000, 'carol sees alice accept');
    expect(carol.getInvitation(second.inviteID)).toEqual(alice.getInvitation(second.inviteID));
  });
});

describe('a class larger than one write slice (100 devices)', () => {
  it('every member gets every update of the invitation in order (no snapshot fetch) and ends equal to the server', async () => {
    // No coalescing: every answer is its own update, so updates follow each other within a turn.
    const server = await startServer({ coalesceWindowMs: 0 });
    const students = Array.from({ length: 140 }, (_, i) => `s${i}`);
    await server.groups.createGroup('class', ['teacher', ...students]);
    const fetches: string[] = [];
    server.io.on('connection', (socket) => socket.onAny((name: string) => name === 'invitation:get' && fetches.push(socket.data.session.userID as string)));
    const teacher = await connectClient(server, 'teacher');
    const members: Awaited<ReturnType<typeof connectClient>>[] = [];
    for (let i = 0; i < students.length; i += 35) members.push(...(await Promise.all(students.slice(i, i + 35).map((id) => connectClient(server, id)))));

    const { inviteID } = await teacher.inviteInGroup('class', students, { timeout: 60 });
    // Answers in several bursts while earlier updates may still be written slice by slice.
    for (let i = 0; i < members.length; i += 20) await Promise.all(members.slice(i, i + 20).map((m, j) => ((i + j) % 3 === 0 ? m.reject(inviteID) : m.accept(inviteID))));

    await until(() => [teacher, ...members].every((c) => c.getInvitation(inviteID)?.state === 'ended'), 10_000, 'every mirror sees the round end');
    const reference = teacher.getInvitation(inviteID)!;
    expect(reference.users.filter((u) => u.state === 'accepted')).toHaveLength(students.filter((_, i) => i % 3 !== 0).length);
    for (const m of members) expect(m.getInvitation(inviteID)).toEqual(reference);
    expect(fetches).toEqual([]);
  });
});

describe('a large update is encoded once however many slices it is written in', () => {
  it('a ring to 120 members with 8 KB of data (more than one slice) is encoded once, and every member rings with it', async () => {
    const server = await startServer();
    expect(canWriteEncoded(server.io)).toBe(true);
    const students = Array.from({ length: 120 }, (_, i) => `s${i}`);
    await server.groups.createGroup('class', ['teacher', ...students]);
    const teacher = await connectClient(server, 'teacher');
    const members: Awaited<ReturnType<typeof connectClient>>[] = [];
    for (let i = 0; i < students.length; i += 40) members.push(...(await Promise.all(students.slice(i, i + 40).map((id) => connectClient(server, id)))));
    const adapter = server.io.sockets.adapter as unknown as { _encode(packet: { data: unknown[] }, options: object): unknown[] };
    const encode = adapter._encode.bind(adapter);
    const encodedUpdates: number[] = [];
    adapter._encode = (packet, options) => {
      const encoded = encode(packet, options);
      if (packet.data[0] === UPDATE_EVENT) encodedUpdates.push(String(encoded[0]).length);
      return encoded;
    };
    const { inviteID } = await teacher.inviteInGroup('class', students, { timeout: 60, data: 'x'.repeat(8000) });
    await until(() => members.every((m) => m.seen('invitationReceived').some((e) => e.inviteID === inviteID)), 10_000, 'every member rings');
    // 121 devices are more than one slice (at most 100 devices); the ring was still encoded once.
    expect(encodedUpdates.filter((bytes) => bytes > 8000)).toHaveLength(1);
  });
});

describe('update packets to a small audience', () => {
  it('are encoded byte for byte as socket.io-parser encodes them', async () => {
    const { Encoder } = await import('socket.io-parser');
    const update: WireUpdate = {
      invitation: {
        inviteID: 'i1', inviter: 'a', inviterDeviceID: 'da', state: 'active', mode: 'normal', data: '{"room":"r1"}', timeout: 30, createTime: 1000, version: 2, onlineUserOnly: false, enableNotReceivedCheck: false,
        users: [{ userID: 'b', state: 'accepted', data: 'ok', updateTime: 1500, timeout: 30, version: 2, deviceID: 'db' }],
      } as WireUpdate['invitation'],
      baseVersion: 1,
      serverTime: 1600,
    };
    for (const form of [update, packUpdate(update)]) {
      expect([encodeUpdatePacket(form)]).toEqual(new Encoder().encode({ type: 2, nsp: '/', data: [UPDATE_EVENT, form] }));
    }
  });

  it('are written before emit returns, with no promise, up to 16 devices; more go through the sliced path', async () => {
    const server = await startServer();
    const devices = await Promise.all(Array.from({ length: 17 }, (_, i) => rawDevice(server.url, `u${i}`, 2)));
    const updates = createUpdateEmitter(server.io, false);
    const update = (inviteID: string): WireUpdate => ({
      invitation: { inviteID, inviter: 'u0', inviterDeviceID: 'u0-raw', state: 'active', mode: 'normal', data: '', timeout: 30, createTime: 1000, version: 1, onlineUserOnly: false, enableNotReceivedCheck: false, users: [] } as WireUpdate['invitation'],
      serverTime: 1000,
    });
    const rooms = (n: number) => Array.from({ length: n }, (_, i) => userRoom(`u${i}`));
    expect(updates.emit(rooms(16), update('small'))).toBeUndefined();
    const large = updates.emit(rooms(17), update('large'));
    expect(large).toBeInstanceOf(Promise);
    await large;
    await until(() => devices.every((d, i) => d.updates.filter((u) => (u.invitation as { inviteID: string }).inviteID === 'large').length === 1 && (i === 16 || d.updates.some((u) => (u.invitation as { inviteID: string }).inviteID === 'small'))), 5000, 'both updates arrive');
    expect(devices[16]!.updates.some((u) => (u.invitation as { inviteID: string }).inviteID === 'small')).toBe(false);
  });
});
