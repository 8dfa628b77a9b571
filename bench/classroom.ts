import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Socket } from 'socket.io-client';
import type { SignalingClient } from '../src/index.js';
import { closeAll, connectBare, connectRingkit } from './clients.js';
import type { BenchServer } from './spawnBenchServer.js';
import { sleep, summarize, type Summary } from './stats.js';

/** One classroom round at size N. */
export interface ClassroomResult {
  members: number;
  /** N bare clients each send one acknowledged message, then one room emit reaches all (ms, median of runs). */
  bareBaselineMs: number;
  /** One bare room emit to N members (ms). */
  bareRoomEmitMs: number;
  /** inviteInGroup → every member has rung (ms). */
  ringMs: number;
  /** every member accepts at once → every mirror (teacher's included) shows every accept (ms). */
  acceptAllMs: number;
  /** socket.io packets the server sent per member during the accept round (acks included). */
  packetsPerMember: number;
  /** Same over the whole round (invite, receipts, accepts). */
  packetsPerMemberWholeRound: number;
  /** Requests that failed (accepts rejected or timed out), and their error codes. */
  failedRequests: number;
  failureCodes: string[];
  /** Server CPU over the whole round, and over the accept round only. */
  serverCpuMs: number;
  acceptServerCpuMs: number;
  /** The bare server's CPU for its baseline (N acknowledged messages and one room emit). */
  bareServerCpuMs: number;
  /** Unrelated 1v1 invite→ring while idle and during the round. */
  unrelatedIdle: Summary;
  unrelatedDuringRound: Summary;
}

/** The bare baseline: every member sends one acknowledged message, then one room emit reaches all. */
async function bareBaseline(bare: BenchServer, n: number, runs: number): Promise<{ baseline: number; roomEmit: number; cpuMs: number }> {
  const sockets = await connectBare(bare.url, Array.from({ length: n }, (_, i) => `bm${n}-${i}`));
  await Promise.all(sockets.map((s) => s.emitWithAck('join', `class${n}`)));
  const baselines: number[] = [];
  const emits: number[] = [];
  const everyoneHears = () => Promise.all(sockets.map((s) => new Promise((r) => s.once('news', r))));
  const cpu: number[] = [];
  for (let run = 0; run < runs; run++) {
    const c0 = (await bare.stats()).cpuMs;
    const t = performance.now();
    await Promise.all(sockets.map((s, i) => s.emitWithAck('echo', { i })));
    const heard = everyoneHears();
    await sockets[0]!.emitWithAck('roomEmit', { room: `class${n}` });
    await heard;
    baselines.push(performance.now() - t);
    cpu.push((await bare.stats()).cpuMs - c0);
    const t2 = performance.now();
    const heard2 = everyoneHears();
    await sockets[0]!.emitWithAck('roomEmit', { room: `class${n}` });
    await heard2;
    emits.push(performance.now() - t2);
    await sleep(50);
  }
  closeAll(sockets as Socket[]);
  return { baseline: summarize(baselines).p50, roomEmit: summarize(emits).p50, cpuMs: summarize(cpu).p50 };
}

/** An unrelated 1v1 pair calling (invite → ring → reject) in its own process, sampled between `start` and `stop`. */
async function startProbe(url: string, prefix: string) {
  const child = fork(fileURLToPath(new URL('./probeProcess.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_PROBE: JSON.stringify({ url, prefix }) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () => new Promise<{ ready?: boolean; samples?: number[] }>((r) => child.once('message', r));
  await next();
  return {
    start: () => child.send({ cmd: 'start' }),
    async stop(): Promise<number[]> {
      const reply = next();
      child.send({ cmd: 'stop' });
      return (await reply).samples!;
    },
    close: () => child.send({ cmd: 'exit' }),
  };
}

/** Resolves once `client`'s mirror shows every one of `n` invitees accepted. */
function allAccepted(client: SignalingClient, inviteID: string, n: number): Promise<void> {
  const check = () => {
    const inv = client.getInvitation(inviteID);
    return inv !== undefined && inv.state === 'ended' && inv.users.filter((u) => u.state === 'accepted').length === n;
  };
  return new Promise((resolve) => {
    if (check()) return resolve();
    const off = client.on('invitationUpdated', () => check() && (off(), resolve()));
  });
}

/**
 * A raise-hand round: the teacher `inviteInGroup`s all N online members, all ring, then all
 * accept at once. Optionally CPU-profiles the server over the accept round.
 * @example await measureClassroom(bare, ringkit, 1000, { runs: 3 })
 */
export async function measureClassroom(bare: BenchServer, ringkit: BenchServer, n: number, opts: { runs: number; profilePath?: string }): Promise<ClassroomResult> {
  const { baseline, roomEmit, cpuMs: bareCpuMs } = await bareBaseline(bare, n, opts.runs);
  const ids = Array.from({ length: n }, (_, i) => `m${n}-${i}`);
  const groupID = `class${n}`;
  await ringkit.call({ cmd: 'createGroup', groupID, members: [`teacher${n}`, ...ids] });
  const [teacher] = await connectRingkit(ringkit.url, [`teacher${n}`]);
  const members = await connectRingkit(ringkit.url, ids);
  const probe = await startProbe(ringkit.url, `probe${n}`);
  probe.start();
  await sleep(n >= 1000 ? 1500 : 800);
  const unrelatedIdle = summarize(await probe.stop());

  const s0 = await ringkit.stats();
  probe.start();
  const t0 = performance.now();
  const rung = Promise.all(members.map((m) => new Promise<void>((r) => {
    const off = m.on('invitationReceived', () => (off(), r()));
  })));
  const { inviteID } = await teacher!.inviteInGroup(groupID, ids, { timeout: 600 });
  await rung;
  const ringMs = performance.now() - t0;
  await sleep(300); // receipts settle
  if (opts.profilePath) await ringkit.call({ cmd: 'profileStart' });
  const s1 = await ringkit.stats();
  const t1 = performance.now();
  const shown = Promise.all([teacher!, ...members].map((c) => allAccepted(c, inviteID, n)));
  const answers = await Promise.allSettled(members.map((m) => m.accept(inviteID)));
  const failures = answers.flatMap((a) => (a.status === 'rejected' ? [String((a.reason as { code?: string }).code ?? a.reason)] : []));
  const failedRequests = failures.length;
  if (failedRequests === 0) await shown;
  const acceptAllMs = performance.now() - t1;
  const s2 = await ringkit.stats();
  if (opts.profilePath) await ringkit.call({ cmd: 'profileStop', path: opts.profilePath });
  const unrelatedDuringRound = summarize(await probe.stop());

  probe.close();
  closeAll([teacher!, ...members]);
  await sleep(200);
  return {
    members: n,
    bareBaselineMs: baseline,
    bareRoomEmitMs: roomEmit,
    ringMs,
    acceptAllMs,
    packetsPerMember: (s2.packets - s1.packets) / (n + 1),
    packetsPerMemberWholeRound: (s2.packets - s0.packets) / (n + 1),
    failedRequests,
    failureCodes: [...new Set(failures)],
    serverCpuMs: s2.cpuMs - s0.cpuMs,
    acceptServerCpuMs: s2.cpuMs - s1.cpuMs,
    bareServerCpuMs: bareCpuMs,
    unrelatedIdle,
    unrelatedDuringRound,
  };
}
