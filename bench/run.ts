/**
 * `npm run bench [-- --quick] [-- --profile] [-- --only latency,media,classroom,webPush] [-- --workers 2] [-- --sizes 200,1000] [-- --runs 3] [-- --warmup 3] [-- --pin] [-- --clients-normal-priority] [-- --json path]`
 * (`--quick`: fewer samples, the class of 200 only, heap at 500 connections):
 * ringkit's performance as ratios against baselines measured in the same run, so the numbers
 * mean something on a shared, noisy machine. Servers run in their own processes (`serverProcess.ts`),
 * clients in this one (a class's members in `--workers` worker threads at nice 19 unless `--clients-normal-priority`), over WebSocket; latency samples are interleaved with their baselines.
 * Prints a table and writes the whole result as JSON (default `bench/results.json`).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureBundle } from './bundleSize.js';
import { measureClassroom, type ClassroomResult, type Spread } from './classroom.js';
import { measureCrossNode } from './crossNode.js';
import { measureHeap } from './heap.js';
import { measureLatency } from './latency.js';
import { measureMediaAccept } from './mediaAccept.js';
import { measureRedisCapacity } from './redisCapacity.js';
import { pinBenchProcess } from './pinCores.js';
import { spawnBenchServer } from './spawnBenchServer.js';
import { round, summarize } from './stats.js';
import { measureSustained } from './sustained.js';
import { topSelfTime } from './topSelfTime.js';
import { measureWebPush } from './webPush.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    pin: { type: 'boolean', default: false },
    'clients-normal-priority': { type: 'boolean', default: false },
    workers: { type: 'string', default: '2' },
    sizes: { type: 'string' },
    runs: { type: 'string' },
    warmup: { type: 'string' },
    only: { type: 'string' },
    json: { type: 'string', default: fileURLToPath(new URL('./results.json', import.meta.url)) },
  },
});
const quick = values.quick;
if (values.pin) process.env.BENCH_PIN = '1';
if (values['clients-normal-priority']) process.env.BENCH_CLIENTS_NICE = '0';
pinBenchProcess();
const sections = new Set((values.only ?? 'latency,media,sustained,classroom,heap,crossNode,redis,renders,bundle,webPush').split(','));
/** The class sizes the classroom section measures. */
const classSizes = values.sizes ? values.sizes.split(',').map(Number) : values.quick ? [200] : [200, 1000];
const profileDir = fileURLToPath(new URL('./profiles/', import.meta.url));
if (values.profile) mkdirSync(profileDir, { recursive: true });
const started = performance.now();

/**
 * Unmeasured rounds before a class size's measured ones (`--warmup`, default enough rounds for
 * 2,000 members: 10 at N=200, 2 at N=1,000). A fresh server's first class rounds run V8's optimizing
 * compiler on the class's code (traced at N=200: 90, 289, 60, 52, 51, 47, 20, 24 ms of compiler
 * threads in rounds 1–8, under 11 ms from the 9th), and pinned (`--pin`) those threads share the
 * server's one core: what is measured is then a server's first minutes, not its service.
 */
const warmupRounds = (n: number) => Math.max(1, Math.ceil(2000 / n));

/** One line of the table: a measured value against its baseline and target. */
interface Row {
  what: string;
  value: string;
  baseline: string;
  ratio: number | null;
  target: string;
  met: boolean | null;
}
const rows: Row[] = [];
const results: Record<string, unknown> = { quick, node: process.version, date: new Date().toISOString() };
const ms = (x: number) => `${round(x, x < 10 ? 2 : 0)} ms`;
const row = (what: string, value: string, baseline: string, ratio: number | null, target: string, max?: number, min?: number) =>
  rows.push({
    what,
    value,
    baseline,
    ratio: ratio === null ? null : round(ratio),
    target,
    met: ratio === null || (max === undefined && min === undefined) ? null : (max === undefined || ratio <= max) && (min === undefined || ratio >= min),
  });
const log = (msg: string) => console.error(`[bench ${round((performance.now() - started) / 1000, 1)} s] ${msg}`);

const [ws, bare, ringkit] = await Promise.all([spawnBenchServer({ kind: 'ws' }), spawnBenchServer({ kind: 'bare' }), spawnBenchServer({ kind: 'ringkit' })]);
try {
  if (sections.has('latency')) {
    log('latency');
    const s = await measureLatency({ ws: ws.url, bare: bare.url, ringkit: ringkit.url }, quick ? 100 : 500);
    const [echo, relay, ring, acc] = [s.wsEcho, s.bareRelay, s.inviteToRing, s.inviteToAccepted].map(summarize) as [ReturnType<typeof summarize>, ReturnType<typeof summarize>, ReturnType<typeof summarize>, ReturnType<typeof summarize>];
    results.latency = { wsEcho: echo, bareRelay: relay, inviteToRing: ring, inviteToAccepted: acc };
    const pct = (x: typeof echo) => `p50 ${ms(x.p50)} · p90 ${ms(x.p90)} · p99 ${ms(x.p99)}`;
    row('raw ws echo (baseline)', pct(echo), '', null, '');
    row('bare socket.io relay A→B→A, 4 hops (baseline)', pct(relay), '', null, '');
    row('invite → ring (2 hops), p50', pct(ring), `relay p50 ${ms(relay.p50)}`, ring.p50 / relay.p50, '≤ 1×', 1);
    row('invite → ring, p99', ms(ring.p99), `relay p99 ${ms(relay.p99)}`, ring.p99 / relay.p99, '≤ 1×', 1);
    row('invite → accept → inviteeAccepted (4 hops), p50', pct(acc), `relay p50 ${ms(relay.p50)}`, acc.p50 / relay.p50, '≤ 2×', 2);
    row('invite → accept → inviteeAccepted, p99', ms(acc.p99), `relay p99 ${ms(relay.p99)}`, acc.p99 / relay.p99, '≤ 2×', 2);
    const media = summarize(s.mediaSignalRoundTrip);
    results.latency = { ...(results.latency as object), mediaSignalRoundTrip: media };
    row('media signal A→B→A in a call (4 hops, each checked), p50', pct(media), `relay p50 ${ms(relay.p50)}`, media.p50 / relay.p50, '≤ 1.5×', 1.5);
    row('media signal A→B→A, p99', ms(media.p99), `relay p99 ${ms(relay.p99)}`, media.p99 / relay.p99, '≤ 1.5×', 1.5);
  }

  if (sections.has('media')) {
    const calls = quick ? 8 : 20;
    log(`Accept → first remote audio, ${calls} calls each (headless Chromium, loopback)`);
    const m = await measureMediaAccept(ringkit.url, bare.url, calls);
    const [rk, base] = [summarize(m.ringkit), summarize(m.bare)];
    results.mediaAccept = { ringkit: rk, bare: base, samples: m };
    const span = (x: typeof rk) => `p50 ${ms(x.p50)} · p90 ${ms(x.p90)}`;
    row('Accept → first remote audio packet on both sides (ringkit/media), p50', span(rk), `bare relay + 2 RTCPeerConnections ${span(base)}`, rk.p50 / base.p50, '≤ 1.5×', 1.5);
    row('Accept → first remote audio packet on both sides, p90', ms(rk.p90), `bare p90 ${ms(base.p90)}`, rk.p90 / base.p90, '≤ 1.5×', 1.5);
  }

  if (sections.has('sustained')) {
    log('sustained 1v1 traffic, 64 in flight');
    const r = await measureSustained(bare, ringkit, 64, quick ? 1000 : 5000, values.profile ? `${profileDir}sustained.cpuprofile` : undefined);
    results.sustained = r;
    row('sustained invite→accept cycles/s, 64 in flight', `${round(r.ringkitCyclesPerSecond, 0)}/s (server ${round(r.ringkitServerCpuMsPerCycle, 3)} ms CPU each, clients ${round(r.ringkitClientCpuMsPerCycle, 3)} ms)`, `relay ${round(r.bareRelaysPerSecond, 0)}/s (server ${round(r.bareServerCpuMsPerRelay, 3)} ms, clients ${round(r.bareClientCpuMsPerRelay, 3)} ms)`, r.ringkitCyclesPerSecond / r.bareRelaysPerSecond, '≥ 0.3', undefined, 0.3);
  }

  if (sections.has('classroom')) {
    const classes: ClassroomResult[] = [];
    for (const n of classSizes) {
      log(`classroom N=${n} (${values.workers} client worker threads at nice ${values['clients-normal-priority'] ? 0 : 19})`);
      const c = await measureClassroom(bare, ringkit, n, { runs: values.runs ? Number(values.runs) : quick ? 1 : 3, warmup: values.warmup ? Number(values.warmup) : quick ? 1 : warmupRounds(n), probeSamples: quick ? 0 : 300, workers: Number(values.workers), ...(values.profile && { profilePath: `${profileDir}classroom-${n}.cpuprofile` }) });
      classes.push(c);
      const span = (s: Spread, unit = ' ms') => `${round(s.p50, s.p50 < 10 ? 2 : 0)}${unit} (${round(s.min, s.min < 10 ? 2 : 0)}–${round(s.max, s.max < 10 ? 2 : 0)})`;
      row(`classroom N=${n}: inviteInGroup → all rung`, span(c.ring.ms), `class-list broadcast ${span(c.bareClassList.ms)}; 1-message room emit ${ms(c.bareRoomEmit.ms.p50)}`, c.ring.ms.p50 / c.bareClassList.ms.p50, '≤ 3×', 3);
      row(`classroom N=${n}: every mirror shows every accept`, span(c.accept.ms), `${n} acked answers + class-list broadcast ${span(c.bareAnswers.ms)}`, c.accept.ms.p50 / c.bareAnswers.ms.p50, '≤ 3×', 3);
      row(`classroom N=${n}: server CPU, whole round (invite, receipts, accepts)`, span(c.round.serverCpuMs), `bare round (3 class-list broadcasts + ${2 * n} acks) ${span(c.bareRound.serverCpuMs)}`, c.round.serverCpuMs.p50 / c.bareRound.serverCpuMs.p50, '≤ 5×', 5);
      row(`classroom N=${n}: server CPU, accept round`, span(c.accept.serverCpuMs), `bare answers ${span(c.bareAnswers.serverCpuMs)}`, c.accept.serverCpuMs.p50 / c.bareAnswers.serverCpuMs.p50, '', undefined);
      row(`classroom N=${n}: bench clients' CPU (${c.clientWorkers} worker threads), whole round`, span(c.round.clientCpuMs), `bare round ${span(c.bareRound.clientCpuMs)}`, c.round.clientCpuMs.p50 / c.bareRound.clientCpuMs.p50, '', undefined);
      row(`classroom N=${n}: packets per member, whole round (accept round ${round(c.accept.packetsPerMember.p50, 1)})`, span(c.round.packetsPerMember, ''), `bare round ${round(c.bareRound.packetsPerMember.p50, 1)}`, c.round.packetsPerMember.p50, '≤ 12', 12);
      row(`classroom N=${n}: failed requests (${c.runs} rounds${c.warmupRuns > 0 ? ` and ${c.warmupRuns} warm-up rounds before them` : ''})`, `${c.failedRequests}${c.failureCodes.length > 0 ? ` (${c.failureCodes.join(', ')})` : ''}; ${c.reconnects} reconnects`, '', c.failedRequests, '0', 0);
      row(`classroom N=${n}: unrelated invite→ring p99 during the rounds`, `${ms(c.unrelatedDuringRound.p99)} (${c.unrelatedDuringRound.n} calls)`, `idle p99 ${ms(c.unrelatedIdle.p99)} (${c.unrelatedIdle.n} calls: 2 s before the rounds ${ms(c.unrelatedIdleBefore.p99)}, between them ${ms(c.unrelatedIdleBetween.p99)})`, c.unrelatedDuringRound.p99 / c.unrelatedIdle.p99, '≤ 3×', 3);
      if (c.warmupRuns > 0) {
        row(`classroom N=${n}: unrelated invite→ring p99 during the ${c.warmupRuns} warm-up rounds (not measured above: V8 still compiling the class's code)`, ms(c.unrelatedDuringWarmup.p99), `idle p99 ${ms(c.unrelatedIdle.p99)}`, c.unrelatedDuringWarmup.p99 / c.unrelatedIdle.p99, '');
      }
      row(`classroom N=${n}: unrelated invite→ring p99 during the bare rounds (the class's clients busy, ringkit idle)`, ms(c.unrelatedDuringBareRound.p99), `idle p99 ${ms(c.unrelatedIdle.p99)}`, c.unrelatedDuringBareRound.p99 / c.unrelatedIdle.p99, '');
      row(`classroom N=${n}: ringkit server's event-loop delay during the rounds, p99 (max)`, `${ms(c.serverLoopDelayDuringRound.p99Ms)} (${ms(c.serverLoopDelayDuringRound.maxMs)})`, `idle ${ms(c.serverLoopDelayIdle.p99Ms)} (${ms(c.serverLoopDelayIdle.maxMs)})`, null, '');
    }
    results.classroom = classes;
  }

  if (sections.has('crossNode')) {
    log('cross-node over Redis');
    const r = await measureCrossNode(quick ? 40 : 300);
    results.crossNode = r;
    row('cross-node ÷ same-node over Redis: invite → ring p50', ms(r.crossNodeRing.p50), `same node ${ms(r.sameNodeRing.p50)}`, r.crossNodeRing.p50 / r.sameNodeRing.p50, '≤ 3.5×', 3.5);
    row('cross-node ÷ same-node over Redis: invite → inviteeAccepted p50', ms(r.crossNodeAccepted.p50), `same node ${ms(r.sameNodeAccepted.p50)}`, r.crossNodeAccepted.p50 / r.sameNodeAccepted.p50, '≤ 3.5×', 3.5);
  }

  if (sections.has('redis')) {
    log('Redis: WAIT 1 after each commit, cost per call, saturation');
    const r = await measureRedisCapacity(quick ? 60 : 300, quick ? 1000 : 3000);
    results.redis = r;
    row('WAIT 1 after each commit (primary + replica): invite → inviteeAccepted p50', ms(r.withWait.p50), `no wait ${ms(r.noWait.p50)}`, r.withWait.p50 / r.noWait.p50, '≤ 1.5×', 1.5);
    row('WAIT 1 after each commit: invite → inviteeAccepted p99', ms(r.withWait.p99), `no wait ${ms(r.noWait.p99)}`, r.withWait.p99 / r.noWait.p99, '≤ 1.5×', 1.5);
    row('WAIT 1 after each commit: cycles/s, 64 in flight, one node', `${round(r.withWaitCyclesPerSecond, 0)}/s`, `no wait ${round(r.noWaitCyclesPerSecond, 0)}/s`, r.withWaitCyclesPerSecond / r.noWaitCyclesPerSecond, '≥ 0.8', undefined, 0.8);
    const c = r.perCall;
    row(
      'Redis per invite→accept call: commands (by name in JSON), bytes in/out, Redis CPU',
      `${round(c.commands, 1)} cmds, ${round(c.bytesIn, 0)} B in / ${round(c.bytesOut, 0)} B out, ${round(c.redisCpuMs, 3)} ms CPU`,
      `node ${round(c.nodeCpuMs, 3)} ms CPU (${round(r.nodeCpuMsPerCycleUnderLoad, 3)} ms at 64 in flight)`,
      c.redisCpuMs / c.nodeCpuMs,
      '',
    );
    if (r.redisBenchmark.setPipelined) row('redis-benchmark on the same primary: SET (P16) / a 2-write EVAL, requests/s', `${round(r.redisBenchmark.setPipelined, 0)} / ${round(r.redisBenchmark.evalTwoWrites ?? NaN, 0)}`, '', null, '');
  }
} finally {
  await Promise.all([ws.stop(), bare.stop(), ringkit.stop()]);
}

if (sections.has('heap')) {
  const n = quick ? 500 : 10_000;
  log(`heap at ${n} idle connections`);
  const h = await measureHeap(n);
  results.heap = h;
  row(`heap per idle connection at ${n}`, `${round(h.ringkitBytesPerConnection / 1024, 1)} KiB`, `bare socket.io ${round(h.bareBytesPerConnection / 1024, 1)} KiB`, h.ringkitBytesPerConnection / h.bareBytesPerConnection, '≤ 1.5×', 1.5);
}

if (sections.has('renders')) {
  log('renders in a 500-user call');
  const r = await runChild('renders.tsx', { BENCH_RENDER_CHANGES: quick ? '5' : '40' });
  results.renders = r;
  row('renders of unrelated rows per state change, 500-user call', String(r.unrelatedRendersPerChange), `changed row ${r.changedRowRendersPerChange}`, r.unrelatedRendersPerChange as number, '0', 0);
}

if (sections.has('webPush')) {
  log('webPush');
  const w = await measureWebPush(quick ? 20 : 100, 3);
  results.webPush = w;
  const span = (x: { p50: number; p90: number }) => `p50 ${ms(x.p50)} · p90 ${ms(x.p90)}`;
  row(`Web Push: invite → ${w.subscriptions} encrypted pushes at a local HTTPS push service, p50`, span(w.inviteToPushes), `webhook POST ${span(w.inviteToWebhook)}`, w.inviteToPushes.p50 / w.inviteToWebhook.p50, '');
  row('Web Push: the inviter\'s acknowledgement (pushes go after it), p50', span(w.inviteAckWithPush), `without Web Push ${span(w.inviteAckWithout)}`, w.inviteAckWithPush.p50 / w.inviteAckWithout.p50, '≤ 1.5×', 1.5);
}
if (sections.has('bundle')) {
  log('bundle size');
  const b = await measureBundle();
  results.bundle = b;
  const kb = (x: number) => `${round(x / 1024, 1)} KiB`;
  row('gzip ringkit + ringkit/react (deps bundled, peers external)', kb(b.gzipBytes), `own code ${kb(b.ownGzipBytes)}${b.stylesGzipBytes === null ? '' : `, styles ${kb(b.stylesGzipBytes)}`}`, null, '');
}

results.rows = rows;
if (values.profile) {
  for (const name of [...classSizes.map((n) => `classroom-${n}`), 'sustained', 'sustained-clients']) {
    try {
      const p = topSelfTime(`${profileDir}${name}.cpuprofile`, 15);
      (results.profiles ??= {} as Record<string, unknown>) && ((results.profiles as Record<string, unknown>)[name] = p);
      console.log(`\n${name.endsWith('-clients') ? 'bench clients\' profile' : 'server profile'}, ${name}: ${round(p.busyMs, 0)} ms busy; top self time`);
      for (const t of p.top) console.log(`  ${round(t.percent, 1).toString().padStart(5)} %  ${round(t.ms, 0).toString().padStart(6)} ms  ${t.name}  ${t.where}`);
    } catch {
      /* the section that writes it did not run */
    }
  }
}
writeFileSync(values.json, JSON.stringify(results, null, 2));
printTable();
log(`done; JSON in ${values.json}`);
process.exit(0);

function printTable() {
  const header = ['what', 'ringkit', 'baseline (same run)', 'ratio', 'target', ''];
  const body = rows.map((r) => [r.what, r.value, r.baseline, r.ratio === null ? '' : String(r.ratio), r.target, r.met === null ? '' : r.met ? 'met' : 'MISSED']);
  console.log(`\n| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const b of body) console.log(`| ${b.join(' | ')} |`);
}

/** Runs a bench script in its own process and parses the JSON line it prints last. */
function runChild(file: string, env: Record<string, string>): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    // Vite's build (the media section) sets NODE_ENV=production in this process; the render bench needs React's development build (act).
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(file, import.meta.url))], { env: { ...process.env, NODE_ENV: 'development', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as Record<string, number>);
      } catch {
        reject(new Error(`${file} exited with ${code}: ${out}`));
      }
    });
  });
}
