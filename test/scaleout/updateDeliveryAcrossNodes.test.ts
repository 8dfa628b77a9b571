import { createClient } from 'redis';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, inject, it, onTestFinished } from 'vitest';
import { UPDATE_EVENT, type WireUpdate } from '../../src/protocol/wire.js';
import { userRoom } from '../../src/server/createGroupRooms.js';
import { createUpdateEmitter } from '../../src/server/createUpdateEmitter.js';
import type { RingkitServer } from '../../src/server/index.js';
import { startCluster, type Cluster, type ClusterNode } from '../support/cluster.js';
import { connectClient, until } from '../support/harness.js';

const url = inject('redisUrl');

const sockets: Socket[] = [];
afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));

/** One `invitation:update` a node wrote to a connection: its invitation, version, and whether it came as rows. */
interface Written {
  inviteID: string;
  version: number;
  rows: boolean;
}

/**
 * Every `invitation:update` each node writes, by device (`userID/deviceID`), read from the
 * engine.io packets the node creates for the connection: what went on the wire, however it was
 * sent (a broadcast relayed from another node, or one of the node's own).
 */
function recordWrites(nodes: RingkitServer[]): Map<string, Written[]> {
  const byDevice = new Map<string, Written[]>();
  for (const node of nodes) {
    node.io.on('connection', (socket) => {
      const session = socket.data.session as { userID: string; deviceID: string };
      const label = `${session.userID}/${session.deviceID}`;
      const written: Written[] = [];
      byDevice.set(label, written);
      socket.conn.on('packetCreate', (packet: { type: string; data?: unknown }) => {
        if (packet.type !== 'message' || typeof packet.data !== 'string' || !packet.data.startsWith(`2["${UPDATE_EVENT}"`)) return;
        const update = (JSON.parse(packet.data.slice(1)) as [string, { invitation: { inviteID: string; version: number }; rows?: unknown }])[1];
        written.push({ inviteID: update.invitation.inviteID, version: update.invitation.version, rows: Array.isArray(update.rows) });
      });
    });
  }
  return byDevice;
}

/** The versions of `inviteID` written to `label`, in order. */
const versionsOf = (writes: Map<string, Written[]>, label: string, inviteID: string) => (writes.get(label) ?? []).filter((w) => w.inviteID === inviteID).map((w) => w.version);

/** A raw socket.io device (not ringkit's client: it sends no receipts); `wire: 2` when `packed`. */
async function rawDevice(node: RingkitServer, userID: string, deviceID: string, packed: boolean) {
  const socket = io(node.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { userID, deviceID, ...(packed && { wire: 2 }) } });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => (socket.once('connect', resolve), socket.once('connect_error', reject)));
  await socket.emitWithAck('session:sync', { known: {} });
  return {
    label: `${userID}/${deviceID}`,
    async send<T>(name: string, payload: object): Promise<T> {
      const ack = (await socket.emitWithAck(name, payload)) as { ok: boolean; result: T; error?: unknown };
      if (!ack.ok) throw new Error(`${name}: ${JSON.stringify(ack.error)}`);
      return ack.result;
    },
  };
}

/**
 * Counts the socket.io adapter's broadcasts between the cluster's nodes: every message published
 * on the adapter's channels (`<prefix>io#/#`, and `<prefix>io#/#<room>#` for one room), heard by a
 * subscriber of the test's own.
 */
async function countBroadcasts(cluster: Cluster): Promise<{ count(): number }> {
  const sub = createClient({ url });
  sub.on('error', () => {});
  await sub.connect();
  onTestFinished(() => void sub.close().catch(() => sub.destroy()));
  let count = 0;
  await sub.pSubscribe(`${cluster.keyPrefix}io#*`, () => count++, true);
  return { count: () => count };
}

describe('a call’s update across nodes: each device gets it exactly once, the device that asked no echo', () => {
  it('1v1 calls between seven devices on three nodes (ringkit clients, raw devices with and without wire 2): every version once per device, the acting wire-2 device none, the acting plain device its own; one adapter broadcast per update', async () => {
    const cluster = await startCluster(url, 3);
    const [n1, n2, n3] = cluster.nodes as [ClusterNode, ClusterNode, ClusterNode];
    const writes = recordWrites(cluster.nodes);
    const broadcasts = await countBroadcasts(cluster);

    const alicePhone = await connectClient(n1, 'alice', { deviceID: 'phone' });
    const aliceLaptop = await connectClient(n2, 'alice', { deviceID: 'laptop' });
    const aliceRaw = await rawDevice(n3, 'alice', 'raw', false);
    const bobPhone = await connectClient(n2, 'bob', { deviceID: 'phone' });
    const bobLaptop = await connectClient(n3, 'bob', { deviceID: 'laptop' });
    const bobPacked = await rawDevice(n1, 'bob', 'packed', true);
    const bobRaw = await rawDevice(n1, 'bob', 'raw', false);
    const devices = ['alice/phone', 'alice/laptop', 'alice/raw', 'bob/phone', 'bob/laptop', 'bob/packed', 'bob/raw'];
    const settle = async (inviteID: string) => {
      const stored = await cluster.untilSnapshot(inviteID, (inv) => inv.state === 'ended', 'the call ended');
      await until(() => devices.every((d) => versionsOf(writes, d, inviteID).length > 0 && (writes.get(d) ?? []).some((w) => w.inviteID === inviteID && w.version >= stored.version - 1)), 5000, 'the last update written');
      // Anything written twice would be written right behind the first.
      await new Promise((resolve) => setTimeout(resolve, 300));
      return stored.version;
    };
    /** Per device, what it must have been written: every version once, except the one it made itself when it reads rows (`wire: 2`). */
    const expectWrites = (inviteID: string, versions: number[], madeBy: Record<number, string>, wire2: Set<string>) => {
      for (const device of devices) {
        const expected = versions.filter((v) => !(madeBy[v] === device && wire2.has(device)));
        expect(versionsOf(writes, device, inviteID), `${device}: versions written`).toEqual(expected);
      }
      // A call's update is plain objects for everyone, wire 2 included.
      for (const device of devices) expect((writes.get(device) ?? []).filter((w) => w.inviteID === inviteID && w.rows), device).toEqual([]);
    };
    const wire2 = new Set(['alice/phone', 'alice/laptop', 'bob/phone', 'bob/laptop', 'bob/packed']);

    // 1. A ringkit client invites (no echo of v1), bob's ringkit devices send their receipts (v2,
    // no answer: every device hears it), bob's phone accepts (no echo of v3).
    let before = broadcasts.count();
    const first = await alicePhone.invite('bob', { timeout: 60 });
    await cluster.untilSnapshot(first.inviteID, (inv) => inv.users[0]?.state === 'received', 'bob received');
    await bobPhone.accept(first.inviteID);
    const v1 = await settle(first.inviteID);
    expect(v1).toBe(3);
    expectWrites(first.inviteID, [1, 2, 3], { 1: 'alice/phone', 3: 'bob/phone' }, wire2);
    // One broadcast through the adapter per update (three updates: invite, receipt, accept).
    expect(broadcasts.count() - before).toBe(3);
    expect(alicePhone.getInvitation(first.inviteID)).toEqual(await cluster.snapshot(first.inviteID));
    for (const c of [aliceLaptop, bobPhone, bobLaptop]) expect(c.getInvitation(first.inviteID)).toEqual(alicePhone.getInvitation(first.inviteID));

    // 2. A plain device invites (its own v1 comes back to it), a raw wire-2 device accepts (no echo).
    before = broadcasts.count();
    const second = await aliceRaw.send<{ inviteID: string }>('invitation:invite', { invitees: ['bob'], timeout: 60 });
    await cluster.untilSnapshot(second.inviteID, (inv) => inv.users[0]?.state === 'received', 'bob received');
    await bobPacked.send('invitation:accept', { inviteID: second.inviteID });
    expect(await settle(second.inviteID)).toBe(3);
    expectWrites(second.inviteID, [1, 2, 3], { 1: 'alice/raw', 3: 'bob/packed' }, wire2);
    expect(broadcasts.count() - before).toBe(3);

    // 3. A ringkit client invites, a plain device rejects (its own v3 comes back to it).
    before = broadcasts.count();
    const third = await alicePhone.invite('bob', { timeout: 60 });
    await cluster.untilSnapshot(third.inviteID, (inv) => inv.users[0]?.state === 'received', 'bob received');
    await bobRaw.send('invitation:reject', { inviteID: third.inviteID });
    expect(await settle(third.inviteID)).toBe(3);
    expectWrites(third.inviteID, [1, 2, 3], { 1: 'alice/phone', 3: 'bob/raw' }, wire2);
    expect(broadcasts.count() - before).toBe(3);
    for (const c of [alicePhone, aliceLaptop, bobPhone, bobLaptop]) expect(c.getInvitation(third.inviteID)).toEqual(await cluster.snapshot(third.inviteID));
  });
});

describe('a class’s update across nodes: rows to wire-2 devices, objects to the others, each exactly once', () => {
  it('a group call to five members on three nodes (ringkit clients, raw devices with and without wire 2): every device is written the same updates once each, in the form it reads, and answering devices hear their own answers', async () => {
    const cluster = await startCluster(url, 3);
    const [n1, n2, n3] = cluster.nodes as [ClusterNode, ClusterNode, ClusterNode];
    await n1.groups.createGroup('class', ['teacher', 's1', 's2', 's3', 's4', 's5']);
    const writes = recordWrites(cluster.nodes);

    const teacher = await connectClient(n1, 'teacher', { deviceID: 'desk' });
    const s1 = await connectClient(n2, 's1', { deviceID: 'phone' });
    const s1Laptop = await connectClient(n3, 's1', { deviceID: 'laptop' });
    const s2 = await connectClient(n3, 's2', { deviceID: 'phone' });
    const s3 = await rawDevice(n1, 's3', 'raw', false);
    const s4 = await rawDevice(n2, 's4', 'packed', true);
    const s5 = await rawDevice(n3, 's5', 'raw', false);
    const devices = ['teacher/desk', 's1/phone', 's1/laptop', 's2/phone', 's3/raw', 's4/packed', 's5/raw'];
    const plain = new Set(['s3/raw', 's5/raw']);

    const { inviteID } = await teacher.inviteInGroup('class', ['s1', 's2', 's3', 's4', 's5'], { timeout: 60 });
    await cluster.untilSnapshot(inviteID, (inv) => ['s1', 's2'].every((id) => inv.users.find((u) => u.userID === id)?.state === 'received'), 's1 and s2 received');
    await s1.accept(inviteID, { data: 'hand' });
    await s2.reject(inviteID);
    await s3.send('invitation:accept', { inviteID });
    await s4.send('invitation:accept', { inviteID });
    await s5.send('invitation:reject', { inviteID });
    const stored = await cluster.untilSnapshot(inviteID, (inv) => inv.state === 'ended', 'every member answered');
    await until(() => devices.every((d) => versionsOf(writes, d, inviteID).at(-1) === stored.version), 5000, 'every device is written the last version');
    await new Promise((resolve) => setTimeout(resolve, 300));

    // Every device is written the same updates (the whole audience of each), each once, in order.
    const reference = versionsOf(writes, 'teacher/desk', inviteID);
    expect(new Set(reference).size).toBe(reference.length);
    expect(reference).toEqual([...reference].sort((a, b) => a - b));
    for (const device of devices) expect(versionsOf(writes, device, inviteID), device).toEqual(reference);
    // Each in its form: rows to wire 2, objects to the others.
    for (const device of devices) {
      const forms = (writes.get(device) ?? []).filter((w) => w.inviteID === inviteID).map((w) => w.rows);
      expect(forms, device).toEqual(forms.map(() => !plain.has(device)));
    }
    // A class's answerer is not spared the update of its own answer (only a small call's is).
    const answeredAt = (userID: string) => stored.users.find((u) => u.userID === userID)!.version;
    for (const [device, userID] of [['s1/phone', 's1'], ['s3/raw', 's3'], ['s4/packed', 's4']] as const) {
      expect(versionsOf(writes, device, inviteID).some((v) => v >= answeredAt(userID)), device).toBe(true);
    }
    for (const c of [teacher, s1, s1Laptop, s2]) expect(c.getInvitation(inviteID), c.userID).toEqual(stored);
  });
});

describe('a call’s update whose answering connection is not on the publishing node', () => {
  it('falls back to one broadcast per form: the answering device is skipped where it reads rows, and hears its change where it does not', async () => {
    const cluster = await startCluster(url, 3);
    const [n1, n2, n3] = cluster.nodes as [ClusterNode, ClusterNode, ClusterNode];
    const writes = recordWrites(cluster.nodes);
    await rawDevice(n1, 'x', 'here', false);
    await rawDevice(n2, 'x', 'plain', false);
    await rawDevice(n3, 'x', 'packed', true);
    const socketOf = (node: RingkitServer, deviceID: string) => [...node.io.sockets.sockets.values()].find((s) => s.data.session?.deviceID === deviceID)!.id;
    // An emitter of node 1's own (the server's joined each device to the room of its wire form).
    const updates = createUpdateEmitter(n1.io, true);
    const update = (inviteID: string): WireUpdate => ({
      invitation: { inviteID, inviter: 'x', inviterDeviceID: 'here', state: 'active', mode: 'normal', data: '', timeout: 30, createTime: 1000, version: 1, onlineUserOnly: false, enableNotReceivedCheck: false, users: [] } as unknown as WireUpdate['invitation'],
      serverTime: 1000,
    });
    const labels = ['x/here', 'x/plain', 'x/packed'];
    const writtenTo = (inviteID: string) => labels.filter((d) => versionsOf(writes, d, inviteID).length > 0).flatMap((d) => versionsOf(writes, d, inviteID).map(() => d));

    updates.emit([userRoom('x')], update('remote-packed'), socketOf(n3, 'packed'));
    updates.emit([userRoom('x')], update('remote-plain'), socketOf(n2, 'plain'));
    updates.emit([userRoom('x')], update('local-plain'), socketOf(n1, 'here'));
    await until(() => writtenTo('local-plain').length >= 3, 5000, 'the last update everywhere');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(writtenTo('remote-packed')).toEqual(['x/here', 'x/plain']);
    expect(writtenTo('remote-plain')).toEqual(labels);
    expect(writtenTo('local-plain')).toEqual(labels);
  });
});
