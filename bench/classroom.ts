import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connectRingkit, closeAll } from './clients.js';
import { pinToServerCore } from './pinCores.js';
import { openClassPool } from './openClassPool.js';
import type { BenchServer } from './spawnBenchServer.js';
import { sleep, summarize, type Summary } from './stats.js';

/** A measure taken in several runs: the median and the range. */
export interface Spread {
  p50: number;
  min: number;
  max: number;
}

/** The cost of one phase: wall time, the server's CPU, the bench clients' CPU, packets per member. */
export interface PhaseCost {
  ms: Spread;
  serverCpuMs: Spread;
  clientCpuMs: Spread;
  packetsPerMember: Spread;
}

/** One classroom round at size N, against the bare baselines measured in the same run. */
export interface ClassroomResult {
  members: number;
  /** Worker threads hosting the class's clients (the bench's own process is not the bottleneck). */
  clientWorkers: number;
  /** Measured rounds: `runs`, or more while the unrelated call had fewer than `probeSamples` samples. */
  runs: number;
  /** One bare room emit of a single small message to N members (the old, unfair baseline). */
  bareRoomEmit: PhaseCost;
  /** One bare broadcast of the class list (N users and their states) to N members: the ring baseline. */
  bareClassList: PhaseCost;
  /** N bare acknowledged answers, then one broadcast of the class list: the accept-round baseline. */
  bareAnswers: PhaseCost;
  /** The bare whole round: a class-list broadcast, then twice N acknowledged messages and a class-list broadcast (receipts, answers). */
  bareRound: PhaseCost;
  /** inviteInGroup → every member has rung. */
  ring: PhaseCost;
  /** Every member accepts at once → every mirror (the teacher's included) shows every accept. */
  accept: PhaseCost;
  /** invite → every receipt and every accept shown everywhere. */
  round: PhaseCost;
  /** Requests that failed (accepts rejected or timed out) over all runs, and their error codes. */
  failedRequests: number;
  failureCodes: string[];
  /** Connections the server saw made during the rounds (each a reconnect: a slow reader cut off, a dropped link). */
  reconnects: number;
  /**
   * Unrelated 1v1 invite→ring while idle: 2 s before the rounds, and a window before each measured
   * round (bare and ringkit alike), so the baseline is taken in the same minutes as the rounds on
   * a shared machine whose load drifts; `unrelatedIdleBefore` and `unrelatedIdleBetween` are its two parts.
   */
  unrelatedIdle: Summary;
  unrelatedIdleBefore: Summary;
  unrelatedIdleBetween: Summary;
  unrelatedDuringRound: Summary;
  /**
   * Rounds run before the measured ones, on both servers (their failures and reconnects count,
   * nothing else): a fresh server compiles the class's code with V8's optimizing compiler during
   * its first rounds, on the server's core when pinned (see README "Performance").
   */
  warmupRuns: number;
  /** The unrelated 1v1 calls during the ringkit warm-up rounds (a cold server). */
  unrelatedDuringWarmup: Summary;
  /**
   * The same unrelated 1v1 calls (to the idle ringkit server) during the bare rounds: what the
   * class's clients and a bare server cost everyone else on this machine, ringkit's class aside.
   */
  unrelatedDuringBareRound: Summary;
  /** The ringkit server's event-loop delay while idle and during the rounds (p99 and max, ms): how long a ready request waited. */
  serverLoopDelayIdle: { p99Ms: number; maxMs: number };
  serverLoopDelayDuringRound: { p99Ms: number; maxMs: number };
}

interface Sample {
  ms: number;
  serverCpuMs: number;
  clientCpuMs: number;
  packets: number;
  connections: number;
}

/** Measures one phase: wall time, server and client CPU, packets. */
async function phase(server: BenchServer, run: () => Promise<void>): Promise<Sample> {
  const s0 = await server.stats();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const s1 = await server.stats();
  return { ms, serverCpuMs: s1.cpuMs - s0.cpuMs, clientCpuMs: (c.user + c.system) / 1000, packets: s1.packets - s0.packets, connections: s1.connections - s0.connections };
}

const sum = (a: Sample, b: Sample): Sample => ({ ms: a.ms + b.ms, serverCpuMs: a.serverCpuMs + b.serverCpuMs, clientCpuMs: a.clientCpuMs + b.clientCpuMs, packets: a.packets + b.packets, connections: a.connections + b.connections });

function spread(xs: number[]): Spread {
  return { p50: summarize(xs).p50, min: Math.min(...xs), max: Math.max(...xs) };
}

function cost(samples: Sample[], members: number): PhaseCost {
  return {
    ms: spread(samples.map((s) => s.ms)),
    serverCpuMs: spread(samples.map((s) => s.serverCpuMs)),
    clientCpuMs: spread(samples.map((s) => s.clientCpuMs)),
    packetsPerMember: spread(samples.map((s) => s.packets / members)),
  };
}

/**
 * How long the unrelated call is sampled idle before each measured round (ms), after the settling
 * pause that follows the round before: some 30 calls, about as many as a round of 200 yields.
 */
const IDLE_WINDOW_MS = 200;

/** Samples the unrelated call while neither server has class work, into `into`. */
async function idleWindow(probe: Probe, into: number[]): Promise<void> {
  probe.start();
  await sleep(IDLE_WINDOW_MS);
  into.push(...(await probe.stop()));
}

/** The bare baselines, with the class's clients in worker threads like ringkit's. */
async function bareBaselines(bare: BenchServer, n: number, runs: number, warmup: number, workers: number, probe: Probe, idle: number[]) {
  const ids = Array.from({ length: n }, (_, i) => `bm${n}-${i}`);
  const room = `class${n}`;
  const pool = await openClassPool('bare', bare.url, ids, workers, room);
  const [sender] = await import('./clients.js').then((c) => c.connectBare(bare.url, [`bsender${n}`]));
  const broadcast = async (classList?: { size: number; state: string }) => {
    await pool.all({ cmd: 'armNews' });
    await sender!.emitWithAck('roomEmit', { room, ...(classList && { classList }) });
    await pool.all({ cmd: 'wait' });
  };
  const answers = async (state: string) => {
    await pool.all({ cmd: 'echo' });
    await broadcast({ size: n, state });
  };
  const emits: Sample[] = [];
  const lists: Sample[] = [];
  const answered: Sample[] = [];
  const rounds: Sample[] = [];
  const duringBare: number[] = [];
  for (let run = -warmup; run < runs; run++) {
    if (run < 0) {
      await broadcast();
      await broadcast({ size: n, state: 'inviting' });
      await answers('received');
      await answers('accepted');
      continue;
    }
    emits.push(await phase(bare, () => broadcast()));
    await sleep(50);
    await idleWindow(probe, idle);
    probe.start();
    const list = await phase(bare, () => broadcast({ size: n, state: 'inviting' }));
    const receipts = await phase(bare, () => answers('received'));
    const accepts = await phase(bare, () => answers('accepted'));
    duringBare.push(...(await probe.stop()));
    lists.push(list);
    answered.push(accepts);
    rounds.push(sum(sum(list, receipts), accepts));
    await sleep(50);
  }
  sender!.disconnect();
  await pool.close();
  return { bareRoomEmit: cost(emits, n), bareClassList: cost(lists, n), bareAnswers: cost(answered, n), bareRound: cost(rounds, n), unrelatedDuringBareRound: summarize(duringBare) };
}

type Probe = Awaited<ReturnType<typeof startProbe>>;

/** An unrelated 1v1 pair calling (invite → ring → reject) in its own process, sampled between `start` and `stop`. */
async function startProbe(url: string, prefix: string) {
  const child = fork(fileURLToPath(new URL('./probeProcess.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_PROBE: JSON.stringify({ url, prefix }) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  pinToServerCore(child.pid);
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

/**
 * Raise-hand rounds: the teacher `inviteInGroup`s all N online members, all ring and acknowledge
 * receipt, then all accept at once; `runs` rounds, each against bare baselines of the same run.
 * The members live in `workers` worker threads; the teacher, who watches the whole list, in this
 * process. Optionally CPU-profiles the server over the last round.
 * @example await measureClassroom(bare, ringkit, 1000, { runs: 3, workers: 2 })
 */
export async function measureClassroom(bare: BenchServer, ringkit: BenchServer, n: number, opts: { runs: number; workers: number; warmup?: number; probeSamples?: number; profilePath?: string }): Promise<ClassroomResult> {
  const probe = await startProbe(ringkit.url, `probe${n}`);
  await ringkit.call({ cmd: 'loopDelay' });
  probe.start();
  // Idle for as long as it takes to have a few hundred samples, so the idle p99 is not one slow call.
  await sleep(2000);
  const idleBefore = await probe.stop();
  const serverLoopDelayIdle = await ringkit.call<{ p99Ms: number; maxMs: number }>({ cmd: 'loopDelay' });
  const idleBetween: number[] = [];
  const baselines = await bareBaselines(bare, n, opts.runs, opts.warmup ?? 0, opts.workers, probe, idleBetween);
  const ids = Array.from({ length: n }, (_, i) => `m${n}-${i}`);
  const groupID = `class${n}`;
  await ringkit.call({ cmd: 'createGroup', groupID, members: [`teacher${n}`, ...ids] });
  let [teacher] = await connectRingkit(ringkit.url, [`teacher${n}`]);
  const pool = await openClassPool('ringkit', ringkit.url, ids, opts.workers);

  const rings: Sample[] = [];
  const accepts: Sample[] = [];
  const rounds: Sample[] = [];
  const failures: string[] = [];
  const during: number[] = [];
  let reconnects = 0;
  let loopDelay = { p99Ms: 0, maxMs: 0 };
  const warmup = opts.warmup ?? 0;
  const duringWarmup: number[] = [];
  // More rounds than `runs` while the unrelated call has fewer than `probeSamples` samples (a round
  // of 200 yields some 30): a p99 of fewer than 100 samples is their slowest, one intrusion of
  // another process on the core decides it.
  const probeSamples = opts.probeSamples ?? 0;
  const maxRuns = Math.max(opts.runs, 20);
  let measuredRuns = 0;
  for (let run = -warmup; run < opts.runs || (during.length < probeSamples && run < maxRuns); run++) {
    // Warm-up rounds (run < 0) count their failures and reconnects but no other figure.
    const measured = run >= 0;
    if (run === 0 && warmup > 0) {
      // The measured rounds get new clients in the same (warm) threads: each member's mirror keeps
      // the calls it has seen (a 1,000-user invitation per round), and new threads would compile
      // the client's code again while the bare clients' threads are warm.
      closeAll([teacher!]);
      await pool.all({ cmd: 'close' });
      await sleep(200);
      [teacher] = await connectRingkit(ringkit.url, [`teacher${n}`]);
      await pool.all({ cmd: 'connect', room: '' });
      // The server's work for the disconnects and connects (and its garbage) settles first.
      await sleep(1000);
    }
    if (measured) await idleWindow(probe, idleBetween);
    if (run === 0) await ringkit.call({ cmd: 'loopDelay' });
    // BENCH_TRACE_DIR: every round, to time the probe's slow samples against the server's profile.
    const tracing = process.env.BENCH_TRACE_DIR !== undefined;
    const profiling = opts.profilePath !== undefined && measured && (tracing || run === opts.runs - 1);
    if (profiling) await ringkit.call({ cmd: 'profileStart' });
    probe.start();
    let inviteID = '';
    await pool.all({ cmd: 'armRing' });
    const ring = await phase(ringkit, async () => {
      inviteID = (await teacher!.inviteInGroup(groupID, ids, { timeout: 600 })).inviteID;
      await pool.all({ cmd: 'wait' });
    });
    // Receipts settle: every mirror knows every member has the invitation.
    const receipts = await phase(ringkit, async () => {
      await pool.all({ cmd: 'armReceived', inviteID });
      await pool.all({ cmd: 'wait' });
      await until(teacher!, inviteID, (inv) => inv.users.every((u) => u.state !== 'inviting'));
    });
    await pool.all({ cmd: 'armAccepted', inviteID, n });
    const teacherSees = until(teacher!, inviteID, (inv) => inv.state === 'ended' && inv.users.every((u) => u.state === 'accepted'));
    const accept = await phase(ringkit, async () => {
      const failed = (await pool.all<string[]>({ cmd: 'accept', inviteID })).flat();
      failures.push(...failed);
      if (failed.length === 0) await Promise.all([pool.all({ cmd: 'wait' }), teacherSees]);
    });
    (measured ? during : duringWarmup).push(...(await probe.stop()));
    reconnects += ring.connections + receipts.connections + accept.connections;
    if (!measured) {
      await sleep(300);
      continue;
    }
    const delay = await ringkit.call<{ p99Ms: number; maxMs: number }>({ cmd: 'loopDelay' });
    loopDelay = { p99Ms: Math.max(loopDelay.p99Ms, delay.p99Ms), maxMs: Math.max(loopDelay.maxMs, delay.maxMs) };
    if (profiling) await ringkit.call({ cmd: 'profileStop', path: tracing ? `${process.env.BENCH_TRACE_DIR}/round-${n}-${run}.cpuprofile` : opts.profilePath! });
    rings.push(ring);
    accepts.push(accept);
    rounds.push(sum(sum(ring, receipts), accept));
    measuredRuns++;
    await sleep(300);
  }
  probe.close();
  closeAll([teacher!]);
  await pool.close();
  await sleep(200);
  const members = n + 1;
  return {
    members: n,
    clientWorkers: opts.workers,
    runs: measuredRuns,
    ...baselines,
    ring: cost(rings, members),
    accept: cost(accepts, members),
    round: cost(rounds, members),
    failedRequests: failures.length,
    reconnects,
    failureCodes: [...new Set(failures)],
    unrelatedIdle: summarize([...idleBefore, ...idleBetween]),
    unrelatedIdleBefore: summarize(idleBefore),
    unrelatedIdleBetween: summarize(idleBetween),
    unrelatedDuringRound: summarize(during),
    warmupRuns: warmup,
    unrelatedDuringWarmup: summarize(duringWarmup),
    serverLoopDelayIdle,
    serverLoopDelayDuringRound: loopDelay,
  };
}

/** Resolves once `check` holds for the client's mirror of the invitation. */
function until(client: import('ringkit').SignalingClient, inviteID: string, check: (inv: import('ringkit').Invitation) => boolean): Promise<void> {
  const ok = () => {
    const inv = client.getInvitation(inviteID);
    return inv !== undefined && check(inv);
  };
  return new Promise((resolve) => {
    if (ok()) return resolve();
    const off = client.on('invitationUpdated', (e) => e.inviteID === inviteID && ok() && (off(), resolve()));
  });
}
