/**
 * One benchmark server in its own process (forked by `spawnBenchServer`): a raw `ws` echo, a bare
 * socket.io relay, or a ringkit server (memory or Redis). It answers RPCs from the bench over
 * the IPC channel: packet and CPU counters, heap after a full GC, CPU profiles, groups.
 */
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pino } from 'pino';
import { Server, type Socket } from 'socket.io';
import { WebSocketServer } from 'ws';
import { createRingkitServer, redisServerOptions } from 'ringkit/server';
import type { BenchServerConfig, BenchRequest } from './spawnBenchServer.js';

const config = JSON.parse(process.env.BENCH_SERVER ?? '{}') as BenchServerConfig;
let packets = 0;
/** The server's event-loop delay (how long a ready callback waited), reset by `loopDelay`. */
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
let connections = 0;
let groups: { createGroup(id: string, members: string[]): Promise<unknown> } | undefined;
let close: () => Promise<void>;

/** Counts every socket.io message packet the server writes (updates, acks, emits), except to the latency probes. */
function countPackets(io: Server) {
  io.on('connection', (socket) => {
    if (String(socket.handshake.auth.userID).startsWith('probe')) return;
    connections++;
    socket.conn.on('packetCreate', (p: { type: string }) => {
      if (p.type === 'message') packets++;
    });
  });
}

/**
 * What every member of a class must learn about the others: the N users and their states, as
 * the protocol's CallUser (userID, state, data, updateTime, deviceID), for the fair baseline.
 */
function classList(size: number, state: string) {
  const now = Date.now();
  return Array.from({ length: size }, (_, i) => ({ userID: `m${size}-${i}`, state, data: '', updateTime: now + i, deviceID: `device-${String(i).padStart(15, '0')}` }));
}

/** Monotonic ms (CLOCK_MONOTONIC, as V8's profile timestamps / 1000 and every process's hrtime). */
const mono = () => Number(process.hrtime.bigint()) / 1e6;
/** `BENCH_TRACE_DIR`: when each probe packet was read and written, written with the profiles. */
const probeMarks: { at: number; user: string; dir: 'in' | 'out'; head: string }[] = [];
function traceProbe(io: Server) {
  io.on('connection', (socket) => {
    const user = String(socket.handshake.auth.userID);
    if (!user.startsWith('probe')) return;
    socket.conn.on('packet', (p: { type: string; data?: unknown }) => {
      if (p.type === 'message') probeMarks.push({ at: mono(), user, dir: 'in', head: String(p.data).slice(0, 40) });
    });
    socket.conn.on('packetCreate', (p: { type: string; data?: unknown }) => {
      if (p.type === 'message') probeMarks.push({ at: mono(), user, dir: 'out', head: String(p.data).slice(0, 40) });
    });
  });
}

async function start(): Promise<string> {
  if (config.kind === 'ws') {
    const wss = new WebSocketServer({ port: 0 });
    wss.on('connection', (ws) => ws.on('message', (m, binary) => ws.send(m, { binary })));
    await new Promise((r) => wss.once('listening', r));
    close = () => new Promise((r) => wss.close(() => r()));
    return `ws://localhost:${(wss.address() as AddressInfo).port}`;
  }
  if (config.kind === 'bare') {
    const http = createServer();
    const io = new Server(http, { serveClient: false });
    countPackets(io);
    const sockets = new Map<string, Socket>();
    io.on('connection', (socket) => {
      const userID = String(socket.handshake.auth.userID);
      sockets.set(userID, socket);
      void socket.join(`user:${userID}`);
      socket.on('relay', (msg: { to: string }, ack: (x: unknown) => void) => {
        sockets.get(msg.to)?.emit('relay', msg, (reply: unknown) => ack(reply));
      });
      socket.on('echo', (x: unknown, ack: (x: unknown) => void) => ack(x));
      socket.on('roomEmit', (msg: { room: string; classList?: { size: number; state: string } }, ack: (x: unknown) => void) => {
        io.to(msg.room).emit('news', msg.classList ? { room: msg.room, users: classList(msg.classList.size, msg.classList.state) } : msg);
        ack(true);
      });
      socket.on('join', (room: string, ack: (x: unknown) => void) => {
        void socket.join(room);
        ack(true);
      });
      socket.on('disconnect', () => sockets.get(userID) === socket && sockets.delete(userID));
    });
    await new Promise<void>((r) => http.listen(0, r));
    close = () => new Promise((r) => io.close(() => r()));
    return `http://localhost:${(http.address() as AddressInfo).port}`;
  }
  const redis = config.redisUrl ? await redisServerOptions(config.redisUrl, { keyPrefix: config.keyPrefix ?? 'bench:', ...(config.waitForReplicas !== undefined && { waitForReplicas: config.waitForReplicas }) }) : {};
  const server = await createRingkitServer({
    port: 0,
    auth: { dev: true },
    logger: pino({ level: 'silent' }),
    limits: { requestsPerSecond: 1_000_000, mediaSignalsPerSecond: 1_000_000, maxHttpBufferSize: 4 * 1024 * 1024 },
    ...(config.coalesceWindowMs !== undefined && { coalesceWindowMs: config.coalesceWindowMs }),
    ...redis,
  });
  countPackets(server.io);
  if (process.env.BENCH_TRACE_DIR) {
    traceProbe(server.io);
    writeFileSync(`${process.env.BENCH_TRACE_DIR}/server.pid`, String(process.pid));
  }
  groups = server.groups;
  close = () => server.close();
  return server.url;
}

let roundStart = 0;
const inspector = new Session();
inspector.connect();

async function handle(req: BenchRequest): Promise<unknown> {
  switch (req.cmd) {
    case 'stats': {
      const cpu = process.cpuUsage();
      return { packets, connections, cpuMs: (cpu.user + cpu.system) / 1000 };
    }
    case 'loopDelay': {
      const delay = { p99Ms: loop.percentile(99) / 1e6, maxMs: loop.max / 1e6 };
      loop.reset();
      return delay;
    }
    case 'heap':
      for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc?.();
      return { heapUsed: process.memoryUsage().heapUsed };
    case 'createGroup':
      await groups!.createGroup(req.groupID, req.members);
      return true;
    case 'profileStart':
      // BENCH_TRACE_NOPROF: trace the round's bounds only (a profiler's threads share the core when pinned).
      if (process.env.BENCH_TRACE_ALLOC) await inspector.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
      if (process.env.BENCH_TRACE_NOPROF) return console.log('@@ROUND START'), (roundStart = mono() * 1000), true;
      await inspector.post('Profiler.enable');
      await inspector.post('Profiler.setSamplingInterval', { interval: process.env.BENCH_TRACE_DIR ? 100 : 200 });
      await inspector.post('Profiler.start');
      return true;
    case 'profileStop': {
      if (process.env.BENCH_TRACE_NOPROF) console.log('@@ROUND END');
      if (process.env.BENCH_TRACE_ALLOC) {
        const { profile: allocations } = await inspector.post('HeapProfiler.stopSampling');
        writeFileSync(req.path.replace(/\.cpuprofile$/, '.heapprofile'), JSON.stringify(allocations));
      }
      const { profile } = process.env.BENCH_TRACE_NOPROF
        ? { profile: { nodes: [], samples: [], timeDeltas: [], startTime: roundStart, endTime: mono() * 1000 } }
        : await inspector.post('Profiler.stop');
      writeFileSync(req.path, JSON.stringify(profile));
      if (process.env.BENCH_TRACE_DIR) writeFileSync(`${process.env.BENCH_TRACE_DIR}/server-marks.json`, JSON.stringify(probeMarks));
      return true;
    }
    case 'exit':
      await close();
      setTimeout(() => process.exit(0), 10);
      return true;
  }
}

process.on('message', (req: BenchRequest & { id: number }) => {
  handle(req).then(
    (result) => process.send!({ id: req.id, result }),
    (err: unknown) => process.send!({ id: req.id, error: String(err) }),
  );
});

process.send!({ ready: await start() });
