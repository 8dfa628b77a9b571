import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { OUTBOUND_BEHIND_FACTOR, OUTBOUND_STALL_MS } from '../../src/server/capOutboundBuffer.js';
import type { RingkitServer } from '../../src/server/index.js';
import { UPDATE_EVENT } from '../../src/protocol/wire.js';
import { connectClient, startServer, until } from '../support/harness.js';

const script = fileURLToPath(new URL('../support/slowConsumer.ts', import.meta.url));

const sockets: Socket[] = [];
afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));

/** A warn-level logger whose lines are kept, parsed. */
function recordingLogger() {
  const lines: { msg: string; bytes?: number; why?: string }[] = [];
  const logger = pino({ level: 'warn' }, new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(JSON.parse(chunk.toString())), done()) }));
  return { logger, lines, closes: () => lines.filter((l) => l.why === 'stalled' || l.why === 'behind') };
}

/** A plain socket.io device (no ringkit client) over a WebSocket; `pause()` stops it reading. */
async function rawDevice(server: RingkitServer, userID: string, deviceID: string) {
  const socket = io(server.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { userID, deviceID } });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => (socket.once('connect', resolve), socket.once('connect_error', reject)));
  expect(((await socket.emitWithAck('session:sync', { known: {} })) as { ok: boolean }).ok).toBe(true);
  const disconnects: string[] = [];
  socket.on('disconnect', (reason) => disconnects.push(reason));
  const ws = (socket.io.engine.transport as unknown as { ws: { pause(): void; resume(): void; _socket: NodeJS.EventEmitter } }).ws;
  return { socket, disconnects, ws, pause: () => ws.pause(), resume: () => ws.resume() };
}

/** The most bytes the server queued for one device of `userID` within one event-loop turn, and the byte counts per turn. */
function bytesPerTurn(server: RingkitServer, userID: string, deviceID: string) {
  const turns: number[] = [];
  let current = 0;
  server.io.on('connection', (socket) => {
    const session = socket.data.session as { userID: string; deviceID: string };
    if (session.userID !== userID || session.deviceID !== deviceID) return;
    socket.conn.on('packetCreate', (packet: { data?: unknown }) => {
      if (current === 0) setImmediate(() => (turns.push(current), (current = 0)));
      current += typeof packet.data === 'string' ? packet.data.length : 0;
    });
  });
  return { largest: () => Math.max(0, current, ...turns) };
}

/** Bytes the server holds for the one connection of `userID`: engine.io's queue and what the WebSocket has not handed to the kernel. */
function waitingFor(server: RingkitServer, userID: string): () => number {
  const [conn] = connectedDevices(server, userID).map((s) => s.conn);
  return () =>
    (conn!.transport as unknown as { socket: { bufferedAmount: number } }).socket.bufferedAmount +
    (conn as unknown as { writeBuffer: { data?: unknown }[] }).writeBuffer.reduce((sum, packet) => sum + (typeof packet.data === 'string' ? packet.data.length : 0), 0);
}

const connectedDevices = (server: RingkitServer, userID: string) =>
  [...server.io.sockets.sockets.values()].filter((s) => (s.data.session as { userID: string }).userID === userID);

/** Defect 5 of issue 13: nothing capped what the server queued for a device that stopped reading. */
describe('slow consumers', () => {
  it('a device that stops reading is disconnected once its outbound buffer passes the cap; the others go on', async () => {
    const { logger, closes } = recordingLogger();
    const server = await startServer({ logger, maxOutboundBufferBytes: 256 * 1024, maxDataBytes: 64 * 1024, requestsPerSecond: 10_000, inboundBytesPerSecond: 1e9 });

    const child = spawn(process.execPath, ['--import', 'tsx', script, server.url, 'slow'], { stdio: ['ignore', 'pipe', 'inherit'] });
    onTestFinished(() => void child.kill('SIGKILL'));
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await until(() => output.includes('ready'), 15_000, 'the slow device');
    const slowSockets = () => connectedDevices(server, 'slow');
    expect(slowSockets()).toHaveLength(1);
    child.kill('SIGSTOP');

    const alice = await connectClient(server, 'alice');
    const carol = await connectClient(server, 'carol');
    const dave = await connectClient(server, 'dave');
    const data = 'x'.repeat(60 * 1024);
    let probes = 0;
    let floods = 0;
    // 60 KiB per update to a device that reads nothing, while carol keeps calling dave.
    while (slowSockets().length > 0 && floods < 1000) {
      await Promise.all(Array.from({ length: 20 }, () => alice.invite('slow', { data }).then(() => floods++)));
      const { inviteID } = await carol.invite('dave', { timeout: 30 });
      await dave.accept(inviteID);
      probes++;
    }
    expect(slowSockets()).toHaveLength(0);
    expect(closes()).toHaveLength(1);
    expect(probes).toBeGreaterThan(0);
    expect(dave.connectionState).toBe('connected');

    // Woken up, the frozen device finds its connection closed.
    child.kill('SIGCONT');
    await once(child, 'exit');
    expect(output).toMatch(/disconnected: transport (close|error)/);
  });

  it('a device that reads normally stays connected through a burst of several times the cap in one turn, and gets every packet once', async () => {
    const cap = 64 * 1024;
    const { logger, closes } = recordingLogger();
    const server = await startServer({ logger, maxOutboundBufferBytes: cap, maxDataBytes: 16 * 1024, requestsPerSecond: 10_000, inboundPacketsPerSecond: 10_000, inboundBytesPerSecond: 1e9 });
    const phoneTurns = bytesPerTurn(server, 'alice', 'phone');
    const tabletTurns = bytesPerTurn(server, 'alice', 'tablet');
    const alice = await connectClient(server, 'alice', { deviceID: 'phone' });
    const tablet = await rawDevice(server, 'alice', 'tablet');
    const rings = new Map<string, number>();
    tablet.socket.on(UPDATE_EVENT, (update: { invitation: { inviteID: string; version: number } }) => {
      if (update.invitation.version === 1) rings.set(update.invitation.inviteID, (rings.get(update.invitation.inviteID) ?? 0) + 1);
    });
    const bob = await connectClient(server, 'bob');

    // Ten 16 KiB rings at once to both of alice's devices.
    const data = 'x'.repeat(16 * 1024 - 16);
    const invites = await Promise.all(Array.from({ length: 10 }, () => bob.invite('alice', { data, timeout: 600 })));
    const inviteIDs = invites.map((i) => i.inviteID).sort();
    await until(() => alice.seen('invitationReceived').length >= 10 && rings.size >= 10, 10_000, 'every ring');
    // Then the tablet resyncs 12 times at once: each answer carries the ten invitations (160 KiB).
    const acks = (await Promise.all(Array.from({ length: 12 }, () => tablet.socket.timeout(10_000).emitWithAck('session:sync', { known: {} })))) as {
      ok: boolean;
      result: { updates: { invitation: { inviteID: string; data?: unknown } }[] };
    }[];

    // The premise: more than the cap (the tablet: more than OUTBOUND_BEHIND_FACTOR times) was queued within one turn.
    expect(phoneTurns.largest()).toBeGreaterThan(cap);
    expect(tabletTurns.largest()).toBeGreaterThan(OUTBOUND_BEHIND_FACTOR * cap);
    expect(acks.every((ack) => ack.ok)).toBe(true);
    for (const ack of acks) expect(ack.result.updates.map((u) => u.invitation.inviteID).sort()).toEqual(inviteIDs);
    expect(alice.seen('invitationReceived').map((e) => e.inviteID).sort()).toEqual(inviteIDs);
    expect([...rings.keys()].sort()).toEqual(inviteIDs);
    expect([...rings.values()].every((n) => n === 1)).toBe(true);

    // Past the time a stalled connection is given, both are still connected and answer.
    await new Promise((r) => setTimeout(r, OUTBOUND_STALL_MS + 500));
    expect(closes()).toEqual([]);
    expect(tablet.disconnects).toEqual([]);
    expect(alice.connectionState).toBe('connected');
    expect(connectedDevices(server, 'alice')).toHaveLength(2);
    expect(((await tablet.socket.timeout(5000).emitWithAck('session:sync', { known: {} })) as { ok: boolean }).ok).toBe(true);
    const { inviteID } = await bob.invite('alice', { timeout: 30 });
    await alice.next('invitationReceived', (e) => e.inviteID === inviteID);
    expect(alice.seen('invitationReceived')).toHaveLength(11);
  });

  it('a device that stops reading after a while over the cap is closed once the kernel takes none of its bytes, with no more traffic needed', async () => {
    const cap = 256 * 1024;
    const { logger, closes } = recordingLogger();
    const server = await startServer({ logger, maxOutboundBufferBytes: cap, maxDataBytes: 60 * 1024, requestsPerSecond: 10_000, inboundBytesPerSecond: 1e9 });
    const frozen = await rawDevice(server, 'frozen', 'phone');
    const alice = await connectClient(server, 'alice');
    const carol = await connectClient(server, 'carol');
    const dave = await connectClient(server, 'dave');
    frozen.pause();

    // One 60 KiB ring at a time until the server holds more than the cap for the frozen device
    // (the kernel's buffers take a few MiB first), then nothing more.
    const waiting = waitingFor(server, 'frozen');
    const data = 'x'.repeat(60 * 1024 - 16);
    while (connectedDevices(server, 'frozen').length > 0 && waiting() <= cap) await alice.invite('frozen', { data, timeout: 600 });
    expect(waiting()).toBeGreaterThan(cap);

    await until(() => connectedDevices(server, 'frozen').length === 0, OUTBOUND_STALL_MS * 3, 'the frozen device closed');
    expect(closes()).toMatchObject([{ why: 'stalled' }]);
    expect(closes()[0]!.bytes).toBeLessThan(cap + 2 * 60 * 1024);
    // The others are served.
    const { inviteID } = await carol.invite('dave', { timeout: 30 });
    await dave.accept(inviteID);
    await carol.next('inviteeAccepted');
    // Reading again, the device finds its connection closed.
    frozen.resume();
    await until(() => frozen.disconnects.length > 0, 5000, 'the frozen device sees its disconnect');
    expect(frozen.disconnects[0]).toMatch(/transport (close|error)/);
  });

  it('a device that reads slowly stays connected while more than the cap waits for it for longer than OUTBOUND_STALL_MS, and gets every ring once', async () => {
    const cap = 4 * 1024 * 1024;
    const { logger, closes } = recordingLogger();
    const server = await startServer({ logger, maxOutboundBufferBytes: cap, maxDataBytes: 60 * 1024, requestsPerSecond: 10_000, inboundBytesPerSecond: 1e9 });
    const slow = await rawDevice(server, 'slow', 'phone');
    const rings = new Map<string, number>();
    slow.socket.on(UPDATE_EVENT, (update: { invitation: { inviteID: string; version: number } }) => {
      if (update.invitation.version === 1) rings.set(update.invitation.inviteID, (rings.get(update.invitation.inviteID) ?? 0) + 1);
    });
    const alice = await connectClient(server, 'alice');
    // It reads one chunk (64 KiB at most) every 30 ms, about 2 MB/s: the kernel keeps taking its bytes, slowly.
    const oneChunk = () => slow.pause();
    slow.ws._socket.on('data', oneChunk);
    const reading = setInterval(() => slow.resume(), 30);
    onTestFinished(() => clearInterval(reading));

    // Rings faster than it reads until three times the cap waits for it (under OUTBOUND_BEHIND_FACTOR times).
    const waiting = waitingFor(server, 'slow');
    const data = 'x'.repeat(60 * 1024 - 16);
    const inviteIDs: string[] = [];
    while (connectedDevices(server, 'slow').length > 0 && waiting() <= 3 * cap) inviteIDs.push((await alice.invite('slow', { data, timeout: 600 })).inviteID);
    expect(waiting()).toBeGreaterThan(3 * cap);
    // Longer than a stalled connection is given, more than the cap waits for it all along.
    await new Promise((r) => setTimeout(r, OUTBOUND_STALL_MS + 500));
    expect(waiting()).toBeGreaterThan(cap);
    expect(connectedDevices(server, 'slow')).toHaveLength(1);

    // Reading at full speed again, it catches up.
    clearInterval(reading);
    slow.ws._socket.off('data', oneChunk);
    slow.resume();
    await until(() => rings.size === inviteIDs.length, 10_000, 'every ring');
    expect([...rings.keys()].sort()).toEqual([...inviteIDs].sort());
    expect([...rings.values()].every((n) => n === 1)).toBe(true);
    expect(closes()).toEqual([]);
    expect(slow.disconnects).toEqual([]);
  });

  it('a device that reads a little now and then while the server floods it is closed once it is OUTBOUND_BEHIND_FACTOR times the cap behind: memory stays bounded', async () => {
    const cap = 128 * 1024;
    const { logger, closes } = recordingLogger();
    const server = await startServer({ logger, maxOutboundBufferBytes: cap, maxDataBytes: 60 * 1024, requestsPerSecond: 10_000, inboundBytesPerSecond: 1e9 });
    const turns = bytesPerTurn(server, 'trickle', 'phone');
    const trickle = await rawDevice(server, 'trickle', 'phone');
    const alice = await connectClient(server, 'alice');
    trickle.pause();
    // It reads one chunk every 20 ms: the kernel keeps taking some of its bytes, it never catches up.
    trickle.ws._socket.on('data', () => trickle.pause());
    const reading = setInterval(() => trickle.resume(), 20);
    onTestFinished(() => clearInterval(reading));

    const data = 'x'.repeat(60 * 1024 - 16);
    let floods = 0;
    while (connectedDevices(server, 'trickle').length > 0 && floods < 200) {
      await Promise.all(Array.from({ length: 10 }, () => alice.invite('trickle', { data, timeout: 600 })));
      floods++;
    }
    expect(connectedDevices(server, 'trickle')).toHaveLength(0);
    expect(closes()).toMatchObject([{ why: 'behind' }]);
    // What the server held for it: at most the bound plus the turn that closed it.
    expect(closes()[0]!.bytes).toBeLessThanOrEqual(OUTBOUND_BEHIND_FACTOR * cap + turns.largest());
    expect(alice.connectionState).toBe('connected');
  });
});
