/**
 * `npm run stress [-- options]`: load and soak against real nodes in their own processes, with
 * the clients in other processes. Not part of `npm test`. Prints the figures.
 *
 *   npm run stress                              5,000 users, 100 invite→accept calls/s for 60 s, one node;
 *                                               then the same on three nodes over Redis, one killed mid-run
 *   npm run stress -- --only one|three          one of the two
 *   npm run stress -- --users 2000 --rate 50 --duration 20 --workers 4
 *   npm run stress -- --soak 10m                churn (connect/invite/cancel/disconnect) on one node and on
 *                                               three over Redis; heap after GC, handles, fds, listeners, Redis keys
 *   npm run stress -- --rolling --users 1000    three nodes over Redis behind the balancer, RATE calls/s while the
 *                                               nodes are restarted one after another (SIGTERM, start again on the
 *                                               same port, 10 s apart); callers and callees retry with their
 *                                               requestID like an app; lost calls and p99 per phase
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClient } from 'redis';
import { startRedisServer } from '../test/support/startRedisServer.js';
import { startBalancer } from './balancer.js';
import type { WorkerCommand, WorkerReport } from './stressClients.js';
import type { StressServerConfig, StressServerStats } from './stressServer.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '5000' },
    rate: { type: 'string', default: '100' },
    duration: { type: 'string', default: '60' },
    workers: { type: 'string', default: '4' },
    only: { type: 'string' },
    soak: { type: 'string' },
    population: { type: 'string', default: '40' },
    rolling: { type: 'boolean', default: false },
  },
});
const USERS = Number(values.users);
const RATE = Number(values.rate);
const DURATION_S = Number(values.duration);
const WORKERS = Number(values.workers);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const seconds = (text: string) => Number(text.replace(/[a-z]+$/, '')) * ({ m: 60, s: 1, h: 3600 }[text.replace(/^[\d.]+/, '') || 's'] ?? 1);

/** A child process that answers numbered IPC requests. */
function rpcChild(child: ChildProcess) {
  let next = 0;
  const pending = new Map<number, (value: never) => void>();
  child.on('message', (m: { id: number }) => pending.get(m.id)?.(m as never));
  return <T>(message: object): Promise<T> =>
    new Promise((resolve) => {
      const id = next++;
      pending.set(id, resolve as (value: never) => void);
      child.send({ ...message, id });
    });
}

async function startNode(config: StressServerConfig) {
  const child = fork(here('./stressServer.ts'), [], { execArgv: ['--import', 'tsx', '--expose-gc'], env: { ...process.env, STRESS_SERVER: JSON.stringify(config) }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`node exited ${code}`)));
  });
  const rpc = rpcChild(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, port, exited, stats: async () => (await rpc<{ stats: StressServerStats }>({ kind: 'stats' })).stats, kill: () => child.kill('SIGKILL'), stop: () => child.kill('SIGTERM') };
}

function startWorker() {
  const child = fork(here('./stressClients.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const rpc = rpcChild(child);
  return { child, run: async (command: WorkerCommand) => (await rpc<{ report: WorkerReport }>(command)).report };
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
const ms = (n: number) => `${n.toFixed(1)} ms`;
const merge = (into: Record<string, number>, from: Record<string, number> = {}) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
  return into;
};

async function withRedis<T>(fn: (url: string, keys: () => Promise<Record<string, number>>) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'ringkit-stress-'));
  const redis = await startRedisServer(join(dir, 'redis.sock'));
  const client = createClient({ url: redis.url });
  await client.connect();
  /** Keys by kind (the part after the prefix up to the next ':'). */
  const keys = async () => {
    const kinds: Record<string, number> = {};
    for await (const batch of client.scanIterator({ MATCH: 'stress:*', COUNT: 1000 })) {
      for (const key of [batch].flat()) {
        const kind = String(key).split(':')[1] ?? '?';
        kinds[kind] = (kinds[kind] ?? 0) + 1;
      }
    }
    return kinds;
  };
  try {
    return await fn(redis.url, keys);
  } finally {
    await client.quit();
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Load: USERS users across WORKERS processes, RATE calls/s for DURATION_S; optionally kill one node halfway. */
async function loadRun(name: string, nodes: Awaited<ReturnType<typeof startNode>>[], killOne: boolean) {
  const url = nodes.length === 1 ? `http://127.0.0.1:${nodes[0]!.port}` : `http://127.0.0.1:${(await startBalancer(nodes.map((n) => n.port))).port}`;
  const workers = Array.from({ length: WORKERS }, startWorker);
  const usersOf = workers.map((_, w) => Array.from({ length: Math.ceil(USERS / WORKERS) }, (_, i) => `w${w}u${i}`));
  const t0 = performance.now();
  const connected = await Promise.all(workers.map((w, i) => w.run({ kind: 'connect', url, users: usersOf[i]! })));
  const connectS = (performance.now() - t0) / 1000;
  const before = await Promise.all(nodes.map((n) => n.stats()));
  console.log(`${name}: ${connected.reduce((n, r) => n + r.connected!, 0)} users connected in ${connectS.toFixed(1)} s (${connected.reduce((n, r) => n + r.connectErrors!, 0)} errors); sockets per node ${before.map((s) => s.sockets).join('/')}`);
  const durationMs = DURATION_S * 1000;
  if (killOne) setTimeout(() => (console.log(`${name}: killing node 2 (SIGKILL) at ${DURATION_S / 2} s`), nodes[1]!.kill()), durationMs / 2);
  const reports = await Promise.all(
    workers.map((w, i) => w.run({ kind: 'load', ratePerSecond: RATE / WORKERS, durationMs, peers: usersOf.filter((_, j) => j !== i).flat(), settleMs: 30_000 })),
  );
  const after = await Promise.all(nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null).map((n) => n.stats()));
  const closing = await Promise.all(workers.map((w) => w.run({ kind: 'close' })));
  workers.forEach((w) => w.child.kill());
  const invites = reports.reduce((n, r) => n + r.invites!, 0);
  const received = closing.reduce((n, r) => n + r.received!, 0);
  const inviteMs = reports.flatMap((r) => r.inviteMs!).sort((a, b) => a - b);
  const callMs = reports.flatMap((r) => r.callMs!).sort((a, b) => a - b);
  const result = {
    invites,
    perSecond: invites / DURATION_S,
    received,
    accepted: reports.reduce((n, r) => n + r.accepted!, 0),
    lost: reports.reduce((n, r) => n + r.lost!, 0),
    inviteErrors: reports.reduce((m, r) => merge(m, r.inviteErrors), {} as Record<string, number>),
    acceptErrors: reports.reduce((m, r) => merge(m, r.acceptErrors), {} as Record<string, number>),
    invite: { p50: percentile(inviteMs, 50), p99: percentile(inviteMs, 99) },
    call: { p50: percentile(callMs, 50), p99: percentile(callMs, 99) },
    heapMB: after.map((s) => s.heapUsedMB),
    rssMB: after.map((s) => s.rssMB),
  };
  console.log(`${name}: ${invites} calls (${result.perSecond.toFixed(1)}/s); every invitee device received: ${received}/${invites}; accepted ${result.accepted}; lost ${result.lost}`);
  console.log(`${name}: invite errors ${JSON.stringify(result.inviteErrors)}, accept errors ${JSON.stringify(result.acceptErrors)}`);
  console.log(`${name}: invite answered p50 ${ms(result.invite.p50)} p99 ${ms(result.invite.p99)}; invite→accepted p50 ${ms(result.call.p50)} p99 ${ms(result.call.p99)}; node heap after GC ${result.heapMB.join('/')} MB, RSS ${result.rssMB.join('/')} MB`);
  return result;
}

/** Soak: churn for `durationS` on one node (or three over Redis); counters at the start and after the churn stops. */
async function soakRun(name: string, nodes: Awaited<ReturnType<typeof startNode>>[], durationS: number, keys?: () => Promise<Record<string, number>>) {
  const url = nodes.length === 1 ? `http://127.0.0.1:${nodes[0]!.port}` : `http://127.0.0.1:${(await startBalancer(nodes.map((n) => n.port))).port}`;
  const workers = Array.from({ length: 2 }, startWorker);
  await Promise.all(workers.map((w, i) => w.run({ kind: 'connect', url, users: Array.from({ length: 200 }, (_, j) => `steady${i}-${j}`) })));
  // Warm-up, then the baseline.
  await Promise.all(workers.map((w, i) => w.run({ kind: 'churn', url, durationMs: 10_000, population: 10, prefix: `warm${i}` })));
  await new Promise((r) => setTimeout(r, 3000));
  const base = await Promise.all(nodes.map((n) => n.stats()));
  const baseKeys = keys && (await keys());
  const samples: string[] = [];
  const sampler = setInterval(() => void Promise.all(nodes.map((n) => n.stats())).then((s) => samples.push(s.map((x) => x.heapUsedMB).join('/'))), Math.max(10_000, (durationS * 1000) / 10));
  const t0 = performance.now();
  const reports = await Promise.all(workers.map((w, i) => w.run({ kind: 'churn', url, durationMs: durationS * 1000, population: Number(values.population) / 2, prefix: `churn${i}` })));
  clearInterval(sampler);
  const churned = reports.reduce((n, r) => n + r.churned!, 0);
  await new Promise((r) => setTimeout(r, 5000)); // let disconnects and grace timers of the last round settle
  const end = await Promise.all(nodes.map((n) => n.stats()));
  const endKeys = keys && (await keys());
  await Promise.all(workers.map((w) => w.run({ kind: 'close' })));
  workers.forEach((w) => w.child.kill());
  const errors = reports.reduce((m, r) => merge(m, r.inviteErrors), {} as Record<string, number>);
  console.log(`${name}: ${churned} connect→invite→cancel→disconnect cycles in ${((performance.now() - t0) / 1000).toFixed(0)} s (${(churned / durationS).toFixed(1)}/s), errors ${JSON.stringify(errors)}`);
  for (const [i, [b, e]] of base.map((b, i) => [b, end[i]!] as const).entries()) {
    console.log(`${name} node ${i + 1}: heap after GC ${b.heapUsedMB} → ${e.heapUsedMB} MB (samples ${samples.map((s) => s.split('/')[i]).join(', ')}), handles ${b.handles} → ${e.handles}, fds ${b.fds} → ${e.fds}, socket listeners ${b.listeners} → ${e.listeners}, sockets ${b.sockets} → ${e.sockets}`);
  }
  if (baseKeys && endKeys) console.log(`${name}: Redis keys by kind ${JSON.stringify(baseKeys)} → ${JSON.stringify(endKeys)}`);
  return { churned, base, end, baseKeys, endKeys, errors };
}

/**
 * Rolling restart: three nodes over Redis behind the balancer and RATE calls/s; after 10 s of
 * steady load each node in turn is stopped with SIGTERM, waited for, started again on the same
 * port, and given 10 s before the next. Calls are sorted into phases by when they started.
 */
async function rollingRun(name: string, redisUrl: string) {
  const configs = [1, 2, 3].map((): StressServerConfig => ({ redisUrl }));
  const nodes = await Promise.all(configs.map((c) => startNode(c)));
  const ports = nodes.map((n) => n.port);
  const balancer = await startBalancer(ports);
  const url = `http://127.0.0.1:${balancer.port}`;
  const workers = Array.from({ length: WORKERS }, startWorker);
  const usersOf = workers.map((_, w) => Array.from({ length: Math.ceil(USERS / WORKERS) }, (_, i) => `w${w}u${i}`));
  const t0 = performance.now();
  const connected = await Promise.all(workers.map((w, i) => w.run({ kind: 'connect', url, users: usersOf[i]! })));
  console.log(`${name}: ${connected.reduce((n, r) => n + r.connected!, 0)} users connected in ${((performance.now() - t0) / 1000).toFixed(1)} s (${connected.reduce((n, r) => n + r.connectErrors!, 0)} errors); sockets per node ${(await Promise.all(nodes.map((n) => n.stats()))).map((s) => s.sockets).join('/')}`);
  const settleMs = 10_000;
  const start = Date.now();
  /** Phase boundaries (epoch ms) and names: a phase runs from its mark to the next. */
  const marks: { at: number; phase: string }[] = [{ at: start, phase: 'steady, 3 nodes' }];
  // The load runs until the last node is back and settled (at most 10 minutes).
  const loads = workers.map((w, i) => w.run({ kind: 'load', ratePerSecond: RATE / WORKERS, durationMs: 600_000, peers: usersOf.filter((_, j) => j !== i).flat(), settleMs: 60_000, retry: true }));
  for (let i = 0; i < nodes.length; i++) {
    await new Promise((r) => setTimeout(r, settleMs));
    const down = Date.now();
    marks.push({ at: down, phase: `node ${i + 1}: SIGTERM until listening again` });
    nodes[i]!.stop();
    await nodes[i]!.exited;
    const exitedMs = Date.now() - down;
    nodes[i] = await startNode({ ...configs[i]!, port: ports[i]! });
    const upMs = Date.now() - down;
    marks.push({ at: Date.now(), phase: `node ${i + 1} back: the next ${settleMs / 1000} s` });
    console.log(`${name}: node ${i + 1} exited ${exitedMs} ms after SIGTERM, listening again after ${upMs} ms`);
  }
  await new Promise((r) => setTimeout(r, settleMs));
  const loadS = (Date.now() - start) / 1000;
  workers.forEach((w) => void w.run({ kind: 'stopLoad' }));
  const reports = await Promise.all(loads);
  const after = await Promise.all(nodes.map((n) => n.stats()));
  const closing = await Promise.all(workers.map((w) => w.run({ kind: 'close' })));
  workers.forEach((w) => w.child.kill());
  balancer.server.close();
  const invites = reports.reduce((n, r) => n + r.invites!, 0);
  const lost = reports.reduce((n, r) => n + r.lost!, 0);
  const inviteErrors = reports.reduce((m, r) => merge(m, r.inviteErrors), {} as Record<string, number>);
  const acceptErrors = reports.reduce((m, r) => merge(m, r.acceptErrors), {} as Record<string, number>);
  const retried = reports.reduce((m, r) => merge(m, r.retried), {} as Record<string, number>);
  console.log(`${name}: error messages met: ${[...new Set(reports.flatMap((r) => r.errorSamples ?? []))].join(' | ')}`);
  console.log(
    `${name}: ${invites} calls in ${loadS.toFixed(0)} s (${(invites / loadS).toFixed(1)}/s); retried with the same requestID ${JSON.stringify(retried)}; received ${closing.reduce((n, r) => n + r.received!, 0)}/${invites}; accepted ${reports.reduce((n, r) => n + r.accepted!, 0)}; lost ${lost}; invite errors ${JSON.stringify(inviteErrors)}, accept errors ${JSON.stringify(acceptErrors)}`,
  );
  const phaseOf = (at: number) => marks.filter((m) => m.at <= at).pop()!.phase;
  const phases = marks.map((m) => m.phase).filter((p, i, all) => all.indexOf(p) === i);
  const byPhase = (ats: number[], values: number[]) => {
    const out = new Map<string, number[]>(phases.map((p) => [p, []]));
    ats.forEach((at, i) => out.get(phaseOf(at))!.push(values[i]!));
    for (const list of out.values()) list.sort((a, b) => a - b);
    return out;
  };
  const invitesBy = byPhase(reports.flatMap((r) => r.inviteAt!), reports.flatMap((r) => r.inviteMs!));
  const callsBy = byPhase(reports.flatMap((r) => r.callAt!), reports.flatMap((r) => r.callMs!));
  const rows = phases.map((phase) => {
    const inv = invitesBy.get(phase)!;
    const call = callsBy.get(phase)!;
    console.log(`${name}: ${phase}: ${inv.length} calls; invite answered p50 ${ms(percentile(inv, 50))} p99 ${ms(percentile(inv, 99))}; invite→accepted p50 ${ms(percentile(call, 50))} p99 ${ms(percentile(call, 99))} (${call.length} accepted)`);
    return { phase, calls: inv.length, accepted: call.length, invite: { p50: percentile(inv, 50), p99: percentile(inv, 99) }, call: { p50: percentile(call, 50), p99: percentile(call, 99) } };
  });
  console.log(`${name}: node heap after GC ${after.map((s) => s.heapUsedMB).join('/')} MB, sockets ${after.map((s) => s.sockets).join('/')}`);
  nodes.forEach((n) => n.stop());
  await Promise.all(nodes.map((n) => n.exited));
  return { invites, lost, inviteErrors, acceptErrors, retried, rows };
}

console.log(`ringkit stress on ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${new Date().toISOString()}`);
const only = values.only;
if (values.rolling) {
  await withRedis((redisUrl) => rollingRun(`rolling restart, three nodes over Redis, ${USERS} users`, redisUrl));
} else if (values.soak) {
  const durationS = seconds(values.soak);
  if (only !== 'three') {
    const node = await startNode({ retentionSeconds: 60, maxEndedInvitations: 2000 });
    await soakRun('soak, one node (memory, retention 60 s / 2,000 ended)', [node], durationS);
    node.stop();
  }
  if (only !== 'one') {
    await withRedis(async (redisUrl, keys) => {
      const nodes = await Promise.all([1, 2, 3].map(() => startNode({ redisUrl, retentionSeconds: 60 })));
      await soakRun('soak, three nodes over Redis (retention 60 s)', nodes, durationS, keys);
      nodes.forEach((n) => n.stop());
    });
  }
} else {
  if (only !== 'three') {
    const node = await startNode({});
    await loadRun(`load, one node (memory), ${USERS} users`, [node], false);
    node.stop();
  }
  if (only !== 'one') {
    await withRedis(async (redisUrl) => {
      const nodes = await Promise.all([1, 2, 3].map(() => startNode({ redisUrl })));
      await loadRun(`load, three nodes over Redis, ${USERS} users, one killed mid-run`, nodes, true);
      nodes.forEach((n) => n.stop());
    });
  }
}
process.exit(0);
