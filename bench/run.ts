/**
 * `npm run bench`: ringkit's performance as ratios against baselines measured in the same run,
 * so the numbers mean something on a shared, noisy machine.
 *  1. invite → ring latency vs. a bare socket.io round trip on the same server;
 *  2. a class of N students accepting at once: packets and wall time with coalescing vs. without.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { createSignalingClient, type SignalingClient } from '../src/index.js';
import { createRingkitServer } from '../src/server/index.js';

const silent = pino({ level: 'silent' });
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

async function bareRoundTrip(rounds: number): Promise<number[]> {
  const http = createServer();
  const io = new Server(http);
  io.on('connection', (s) => s.on('echo', (x: unknown, ack: (x: unknown) => void) => ack(x)));
  await new Promise<void>((r) => http.listen(0, r));
  const socket = connect(`http://localhost:${(http.address() as AddressInfo).port}`, { transports: ['websocket'] });
  await new Promise((r) => socket.once('connect', () => r(undefined)));
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await socket.emitWithAck('echo', { i });
    times.push(performance.now() - t);
  }
  socket.disconnect();
  await new Promise((r) => io.close(() => r(undefined)));
  return times;
}

async function client(url: string, userID: string): Promise<SignalingClient> {
  const c = createSignalingClient({ url, userID });
  await c.connect();
  return c;
}

async function inviteToRing(rounds: number): Promise<number[]> {
  const server = await createRingkitServer({ port: 0, auth: { dev: true }, logger: silent, limits: { requestsPerSecond: 10_000 } });
  const alice = await client(server.url, 'alice');
  const bob = await client(server.url, 'bob');
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const rang = new Promise<void>((r) => {
      const off = bob.on('invitationReceived', () => (off(), r()));
    });
    const t = performance.now();
    const { inviteID } = await alice.invite('bob');
    await rang;
    times.push(performance.now() - t);
    await alice.cancel(inviteID);
  }
  alice.disconnect();
  bob.disconnect();
  await server.close();
  return times;
}

async function classBurst(students: number, coalesceWindowMs: number) {
  const server = await createRingkitServer({ port: 0, auth: { dev: true }, logger: silent, coalesceWindowMs, limits: { requestsPerSecond: 10_000 } });
  const ids = Array.from({ length: students }, (_, i) => `s${i}`);
  await server.groups.createGroup('class', ['teacher', ...ids]);
  let packets = 0;
  const original = server.io.to.bind(server.io);
  server.io.to = ((rooms: string | string[]) => {
    packets += Array.isArray(rooms) ? rooms.length : 1;
    return original(rooms);
  }) as typeof server.io.to;
  const teacher = await client(server.url, 'teacher');
  const kids = await Promise.all(ids.map((id) => client(server.url, id)));
  const { inviteID } = await teacher.inviteInGroup('class', ids, { timeout: 600 });
  await Promise.all(kids.map((k) => new Promise<void>((r) => (k.getInvitation(inviteID) ? r() : k.on('invitationReceived', () => r())))));
  await new Promise((r) => setTimeout(r, 200));
  packets = 0;
  const t = performance.now();
  const done = new Promise<void>((r) => {
    const check = () => teacher.getInvitation(inviteID)?.state === 'ended' && r();
    teacher.on('invitationUpdated', check);
  });
  await Promise.all(kids.map((k) => k.accept(inviteID)));
  await done;
  await Promise.all(kids.map((k) => new Promise<void>((r) => {
    const check = () => k.getInvitation(inviteID)?.state === 'ended' && r();
    check();
    k.on('invitationUpdated', check);
  })));
  const ms = performance.now() - t;
  for (const k of [teacher, ...kids]) k.disconnect();
  await server.close();
  return { ms, packets };
}

const rounds = 200;
const bare = await bareRoundTrip(rounds);
const ring = await inviteToRing(rounds);
console.log(`invite → ring, ${rounds} calls over loopback socket.io`);
console.log(`  bare socket.io round trip  p50 ${fmt(percentile(bare, 0.5))}  p99 ${fmt(percentile(bare, 0.99))}`);
console.log(`  invite → invitationReceived p50 ${fmt(percentile(ring, 0.5))}  p99 ${fmt(percentile(ring, 0.99))}`);
console.log(`  ratio p50 ${(percentile(ring, 0.5) / percentile(bare, 0.5)).toFixed(2)}×  p99 ${(percentile(ring, 0.99) / percentile(bare, 0.99)).toFixed(2)}×`);

const students = Number(process.env.BENCH_STUDENTS ?? 300);
const merged = await classBurst(students, 50);
const unmerged = await classBurst(students, 0);
console.log(`\n${students} students accept at once (every member hears every change)`);
console.log(`  without coalescing: ${unmerged.packets} room deliveries, ${fmt(unmerged.ms)}`);
console.log(`  with coalescing:    ${merged.packets} room deliveries, ${fmt(merged.ms)}`);
console.log(`  ratio: ${(unmerged.packets / merged.packets).toFixed(1)}× fewer deliveries, ${(unmerged.ms / merged.ms).toFixed(2)}× faster`);
process.exit(0);
