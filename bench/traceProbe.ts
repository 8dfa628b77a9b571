/**
 * Where the unrelated call's slowest samples waited during the class rounds. Run the bench with
 * `BENCH_TRACE_DIR` (the probe writes each sample's invite and ring in monotonic ms, the server
 * when it read and wrote each probe packet, and profiles every measured round), optionally with
 * core 0's schedule recorded beside it, then this:
 * ```sh
 * mkdir /tmp/t; perf record -e sched:sched_switch -C 0 -k CLOCK_MONOTONIC -o /tmp/t/sched.data &   # optional
 * BENCH_TRACE_DIR=/tmp/t npm run bench -- --only classroom --sizes 200 --pin --profile   # BENCH_TRACE_NOPROF=1: no profiler
 * kill -INT %1; perf script -i /tmp/t/sched.data -F pid,tid,time,trace > /tmp/t/sched.txt
 * tsx bench/traceProbe.ts /tmp/t 8
 * ```
 * Prints the slowest samples, each with the server's marks and what its main thread ran meanwhile
 * (the profile, frames mapped to the sources through the build's source maps), where the time went
 * (sent → read, read → ring written, written → rang), and, with `sched.txt`, who had core 0:
 * the server's main thread, its helper threads (V8's compiler and GC), the probe, other processes.
 *
 * Unpinned (the default bench), record every core with wake-ups instead, and profile with
 * `BENCH_TRACE_NOPROF=1` (V8's profiler, sampling every 100 µs, keeps a thread of its own busy
 * that then competes for the 2 cores):
 * ```sh
 * perf record -m 256M -e sched:sched_switch -e sched:sched_wakeup -a -k CLOCK_MONOTONIC -o /tmp/t/sched.data &
 * BENCH_TRACE_NOPROF=1 BENCH_TRACE_DIR=/tmp/t npm run bench -- --only classroom --sizes 1000 --profile
 * kill -INT %1; perf script -i /tmp/t/sched.data -F cpu,pid,tid,time,event,trace > /tmp/t/sched-all.txt
 * ```
 * and each phase of the slowest samples says how long the server's main thread ran, waited
 * runnable for a core or slept, how long its helper threads waited runnable, and the probe's.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const dir = process.argv[2]!;
const count = Number(process.argv[3] ?? 8);
const probe = JSON.parse(readFileSync(`${dir}/probe.json`, 'utf8')) as { set: number; t0: number; ring: number }[];
const marks = JSON.parse(readFileSync(`${dir}/server-marks.json`, 'utf8')) as { at: number; user: string; dir: string; head: string }[];
const profiles = readdirSync(dir)
  .filter((f) => f.endsWith('.cpuprofile'))
  .map((f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as Profile);

const maps = new Map<string, TraceMap | null>();
const sources = new Map<string, string[]>();
/** A dist frame's original place (the build's source map): `file.ts:line name`. */
const original = (n: Node): string | undefined => {
  const url = n.callFrame.url;
  if (!url.includes('/dist/') || url.includes('node_modules')) return undefined;
  if (!maps.has(url)) {
    const path = `${fileURLToPath(url)}.map`;
    maps.set(url, existsSync(path) ? new TraceMap(readFileSync(path, 'utf8'), path) : null);
  }
  const map = maps.get(url);
  if (!map) return undefined;
  const pos = originalPositionFor(map, { line: n.callFrame.lineNumber + 1, column: n.callFrame.columnNumber });
  if (!pos.source) return undefined;
  const file = pos.source.split('/').pop()!;
  if (!sources.has(pos.source)) {
    const path = fileURLToPath(new URL(pos.source, url));
    sources.set(pos.source, existsSync(path) ? readFileSync(path, 'utf8').split('\n') : []);
  }
  const text = sources.get(pos.source)![pos.line! - 1]?.trim().slice(0, 40) ?? '';
  return `${file}:${pos.line} ${text}`;
};

/** A frame's short name: function @ file (package or dist chunk). */
const frameName = (n: Node) => {
  const mapped = original(n);
  if (mapped) return `[${mapped}]`;
  const url = n.callFrame.url;
  const file = url.includes('node_modules/') ? url.slice(url.lastIndexOf('node_modules/') + 13).split('/')[0] : url.split('/').pop()?.replace(/-[A-Za-z0-9_]{8}\.js$/, '');
  return `${n.callFrame.functionName || '(anon)'}${file ? `@${file}` : ''}`;
};

/** Per profile: each sample's time (ms, monotonic) and a label (the stack's ringkit frames, outermost first, and its top frame). */
const timelines = profiles.map((p) => {
  const byID = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const labelOf = new Map<number, string>();
  const label = (id: number): string => {
    const hit = labelOf.get(id);
    if (hit) return hit;
    const stack: Node[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.unshift(byID.get(at)!);
    const top = stack[stack.length - 1]!;
    const name = top.callFrame.functionName;
    let text: string;
    if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') text = name;
    else {
      const ours = stack.filter((n) => n.callFrame.url.includes('/dist/') && !n.callFrame.url.includes('node_modules'));
      const path = ours.slice(0, 2).concat(ours.length > 2 ? ours.slice(-1) : []).map(frameName);
      const outer = stack.slice(1, 3).map(frameName);
      text = `${path.length ? path.join(' > ') : outer.join(' > ')} | ${frameName(top)}`;
    }
    labelOf.set(id, text);
    return text;
  };
  let t = p.startTime;
  return p.samples.map((id, i) => {
    t += p.timeDeltas[i] ?? 0;
    return { at: t / 1000, label: label(id) };
  });
});

/** The probe's invite as the server read it (its head is cut short: a 4-digit ack id leaves no closing quote). */
const isInvite = (head: string) => /\["invitation:invite(?:"|$)/.test(head);

const rounds = profiles.map((p) => [p.startTime / 1000, p.endTime / 1000] as const);
const during = probe.filter((s) => rounds.some(([a, b]) => s.t0 >= a && s.t0 <= b));
const sorted = [...during].sort((a, b) => a.ring - b.ring);
const pct = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]?.ring ?? 0;
console.log(`${during.length} samples during the profiled rounds; p50 ${pct(0.5).toFixed(2)} p90 ${pct(0.9).toFixed(2)} p99 ${pct(0.99).toFixed(2)} ms`);

for (const s of sorted.slice(-count).reverse()) {
  const end = s.t0 + s.ring;
  console.log(`\n== sample ${s.ring.toFixed(2)} ms (t0 ${s.t0.toFixed(1)})`);
  for (const m of marks.filter((m) => m.at >= s.t0 - 1 && m.at <= end + 1)) console.log(`   mark +${(m.at - s.t0).toFixed(2)} ${m.dir} ${m.user} ${m.head}`);
  const line = timelines.flat().filter((x) => x.at >= s.t0 - 3 && x.at <= end + 0.5);
  let i = 0;
  while (i < line.length) {
    let j = i;
    while (j + 1 < line.length && line[j + 1]!.label === line[i]!.label) j++;
    const from = line[i]!.at - s.t0;
    const to = (line[j + 1]?.at ?? line[j]!.at) - s.t0;
    if (to - from >= 0.25 || !line[i]!.label.startsWith('(idle')) console.log(`   ${from.toFixed(2).padStart(7)} … ${to.toFixed(2).padStart(7)}  ${line[i]!.label}`);
    i = j + 1;
  }
}

/** What kind of work a profile label is, for the breakdown below. */
const kind = (label: string): string => {
  if (label.startsWith('(idle)')) return 'idle';
  if (label.startsWith('(garbage')) return 'gc';
  if (label.startsWith('(program)')) return 'program';
  if (label.includes('createInboundScheduler.ts:54') || label.includes('take@')) return 'inbound drain';
  if (label.includes('createUpdateEmitter') || label.includes('createFanout') || label.includes('packedUpdate')) return 'fan-out/update write';
  if (label.includes('inviteInGroup') || label.includes('create(draft')) return 'inviteInGroup';
  if (['createInvitationTransactions', 'DraftCommit', 'createMemoryStorage', 'Fifo.ts', 'KeptMessage'].some((file) => label.includes(file))) return 'commit';
  if (label.includes('reply') || label.includes('runOnce')) return 'answers';
  if (label.includes('onStreamRead') || label.includes('onAny') || label.includes('submit')) return 'reading';
  return 'other';
};

console.log('\n== where the slowest samples waited (ms, summed over them): A = sent → server read it, B = read → ring written, C = written → probe rang');
const slow = sorted.slice(-Math.max(count, Math.ceil(sorted.length / 50)));
const sums = new Map<string, number>();
const add = (k: string, v: number) => sums.set(k, (sums.get(k) ?? 0) + v);
for (const s of slow) {
  const end = s.t0 + s.ring;
  const read = marks.find((m) => m.dir === 'in' && m.user.endsWith('-x') && m.at >= s.t0 - 0.5 && isInvite(m.head));
  const wrote = read && marks.find((m) => m.dir === 'out' && m.user.endsWith('-y') && m.at >= read.at);
  if (!read || !wrote || wrote.at > end + 1) {
    add('unmatched', s.ring);
    continue;
  }
  add('A sent→read', read.at - s.t0);
  add('B read→written', wrote.at - read.at);
  add('C written→rang', end - wrote.at);
  const line = timelines.flat().filter((x) => x.at > s.t0 && x.at <= read.at);
  let prev = s.t0;
  for (const x of line) {
    const dt = x.at - prev;
    // A sample long after the one before: the process was not running (another process had the core).
    if (dt > 0.6) add('A: gap (server off-core?)', dt - 0.1), add(`A: ${kind(x.label)}`, 0.1);
    else add(`A: ${kind(x.label)}`, dt);
    prev = x.at;
  }
}
for (const [k, v] of [...sums].sort()) console.log(`   ${k.padEnd(34)} ${(v / slow.length).toFixed(2)} ms per sample`);
console.log(`   (${slow.length} samples)`);

/**
 * Core 0's schedule (`perf record -e sched:sched_switch -C 0 -k CLOCK_MONOTONIC`, then `perf script
 * -F pid,tid,time,trace > sched.txt`): who had the core during the slowest samples.
 */
const schedule = existsSync(`${dir}/sched.txt`) ? readSchedule(`${dir}/sched.txt`) : undefined;
if (schedule) {
  const { processOf: tgid, switches } = schedule;
  const serverPid = Number(readFileSync(`${dir}/server.pid`, 'utf8'));
  const probePid = Number(readFileSync(`${dir}/probe.pid`, 'utf8'));
  const who = (tid: number, comm: string) => {
    const g = tgid.get(tid) ?? tid;
    if (tid === serverPid) return 'server main thread';
    if (g === serverPid) return 'server other threads';
    if (g === probePid) return 'probe';
    if (tid === 0) return 'idle';
    return `other: ${comm}${comm === 'node' ? ` ${g}` : ''}`;
  };
  const onCore = (from: number, to: number, into: Map<string, number>) => {
    let i = switches.findIndex((s) => s.at > from) - 1;
    if (i < 0) return;
    for (; i < switches.length && switches[i]!.at < to; i++) {
      const s = switches[i]!;
      const a = Math.max(from, s.at);
      const b = Math.min(to, switches[i + 1]?.at ?? to);
      const k = who(s.tid, s.comm);
      into.set(k, (into.get(k) ?? 0) + (b - a));
    }
  };
  console.log('\n== core 0 during the slowest samples (ms per sample)');
  for (const [name, pick] of [
    ['A sent → read', (s: (typeof slow)[0], read: number, _w: number) => [s.t0, read]],
    ['B read → written', (_s: (typeof slow)[0], read: number, wrote: number) => [read, wrote]],
    ['C written → rang', (s: (typeof slow)[0], _r: number, wrote: number) => [wrote, s.t0 + s.ring]],
  ] as const) {
    const into = new Map<string, number>();
    let n = 0;
    for (const s of slow) {
      const read = marks.find((m) => m.dir === 'in' && m.user.endsWith('-x') && m.at >= s.t0 - 0.5 && isInvite(m.head));
      const wrote = read && marks.find((m) => m.dir === 'out' && m.user.endsWith('-y') && m.at >= read.at);
      if (!read || !wrote) continue;
      n++;
      const [a, b] = pick(s, read.at, wrote.at) as [number, number];
      onCore(a, b, into);
    }
    console.log(`   ${name}: ${[...into].sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${(v / n).toFixed(2)}`).join(', ')}`);
  }
  const all = new Map<string, number>();
  for (const [a, b] of rounds) onCore(a, b, all);
  const total = [...all.values()].reduce((x, y) => x + y, 0);
  console.log(`   whole rounds (${total.toFixed(0)} ms): ${[...all].sort((x, y) => y[1] - x[1]).slice(0, 8).map(([k, v]) => `${k} ${((100 * v) / total).toFixed(1)}%`).join(', ')}`);
}

/** Core 0's time per thread of the server over the rounds (its V8 helper threads share the core when pinned). */
if (schedule) {
  const { processOf: tg, switches: ev } = schedule;
  const serverPid = Number(readFileSync(`${dir}/server.pid`, 'utf8'));
  const per = new Map<string, number>();
  for (let i = 0; i + 1 < ev.length; i++) {
    const e = ev[i]!;
    if (tg.get(e.tid) !== serverPid) continue;
    const inRound = rounds.some(([a, b]) => e.at >= a && e.at <= b);
    if (!inRound) continue;
    const k = `${e.tid === serverPid ? 'main' : e.tid} ${e.comm}`;
    per.set(k, (per.get(k) ?? 0) + ev[i + 1]!.at - e.at);
  }
  console.log(`\n== server threads on core 0 during the rounds (${rounds.length} rounds), ms: ${[...per].sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
}

/** The slowest samples one by one: which round, when in it, and who had core 0 meanwhile. */
if (schedule) {
  const { processOf: tg, switches: ev } = schedule;
  const serverPid = Number(readFileSync(`${dir}/server.pid`, 'utf8'));
  const probePid = Number(readFileSync(`${dir}/probe.pid`, 'utf8'));
  const order = [...rounds].sort((a, b) => a[0] - b[0]);
  console.log('\n== slowest samples: round, ms into it, core 0 (server main / server helpers / probe / others / idle)');
  for (const s of slow) {
    const r = order.findIndex(([a, b]) => s.t0 >= a && s.t0 <= b);
    const share = { main: 0, helpers: 0, probe: 0, others: 0, idle: 0 };
    const end = s.t0 + s.ring;
    for (let i = 0; i + 1 < ev.length; i++) {
      const a = Math.max(s.t0, ev[i]!.at);
      const b = Math.min(end, ev[i + 1]!.at);
      if (b <= a) continue;
      const tid = ev[i]!.tid;
      const g = tg.get(tid) ?? tid;
      const k = tid === serverPid ? 'main' : g === serverPid ? 'helpers' : g === probePid ? 'probe' : tid === 0 ? 'idle' : 'others';
      share[k] += b - a;
    }
    console.log(`   ${s.ring.toFixed(1).padStart(5)} ms  round ${r} at ${(s.t0 - order[r]![0]).toFixed(0).padStart(4)} ms  ${Object.entries(share).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' ')}`);
  }
}

/**
 * Core 0's schedule from `perf script -F pid,tid,time,trace`: each switch (when, in monotonic ms,
 * and the thread given the core), and the process of every thread seen.
 */
function readSchedule(path: string): { switches: { at: number; tid: number; comm: string }[]; processOf: Map<number, number> } {
  const processOf = new Map<number, number>();
  const switches: { at: number; tid: number; comm: string }[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    // "  1234/1240  12345.678901: prev_comm=node prev_pid=1240 ... ==> next_comm=node next_pid=1300 next_prio=120"
    const m = /^\s*(\d+)\/(\d+)\s+([\d.]+):.*==> next_comm=(.+?) next_pid=(\d+)/.exec(line);
    if (!m) continue;
    processOf.set(Number(m[2]), Number(m[1]));
    switches.push({ at: Number(m[3]) * 1000, tid: Number(m[5]), comm: m[4]! });
  }
  return { switches, processOf };
}

/**
 * Unpinned runs: every core's schedule with wake-ups (`perf record -e sched:sched_switch -e
 * sched:sched_wakeup -a -k CLOCK_MONOTONIC`, then `perf script -F cpu,pid,tid,time,event,trace >
 * sched-all.txt`): for each phase of the slowest samples, how long the server's main thread, its
 * helper threads (V8's GC and compiler) and the probe's main thread ran, waited runnable for a
 * core, or slept. A main thread asleep while its helpers wait runnable is a GC pause whose
 * parallel tasks were started by helpers the scheduler then left off the cores.
 */
if (existsSync(`${dir}/sched-all.txt`)) {
  const serverPid = Number(readFileSync(`${dir}/server.pid`, 'utf8'));
  const probePid = Number(readFileSync(`${dir}/probe.pid`, 'utf8'));
  type State = 'run' | 'rq' | 'sleep';
  const byTid = new Map<number, { at: number; state: State }[]>();
  const tgid = new Map<number, number>();
  const push = (tid: number, at: number, state: State, wakeUp = false) => {
    let list = byTid.get(tid);
    if (!list) byTid.set(tid, (list = []));
    // A wake-up of a thread already running (or already runnable) changes nothing.
    if (wakeUp && list[list.length - 1]?.state !== 'sleep' && list.length > 0) return;
    list.push({ at, state });
  };
  for (const line of readFileSync(`${dir}/sched-all.txt`, 'utf8').split('\n')) {
    const sw = /^\s*(\d+)\/(\d+)\s+\[\d+\]\s+([\d.]+): sched:sched_switch: .*prev_pid=(\d+) .*prev_state=(\S+) ==> .*next_pid=(\d+)/.exec(line);
    if (sw) {
      const at = Number(sw[3]) * 1000;
      tgid.set(Number(sw[2]), Number(sw[1]));
      push(Number(sw[4]), at, sw[5]!.startsWith('R') ? 'rq' : 'sleep');
      push(Number(sw[6]), at, 'run');
      continue;
    }
    const wk = /^\s*\d+\/\d+\s+\[\d+\]\s+([\d.]+): sched:sched_wakeup: .*pid=(\d+) prio/.exec(line);
    if (wk) push(Number(wk[2]), Number(wk[1]) * 1000, 'rq', true);
  }
  /** How long `tid` ran, waited runnable and slept between `from` and `to` (ms). */
  const statesOf = (tid: number, from: number, to: number) => {
    const acc = { run: 0, rq: 0, sleep: 0 };
    const list = byTid.get(tid) ?? [];
    let i = list.findIndex((e) => e.at > from);
    if (i < 0) i = list.length;
    let state: State = list[i - 1]?.state ?? 'sleep';
    let t = from;
    for (; i < list.length && list[i]!.at < to; i++) {
      acc[state] += list[i]!.at - t;
      t = list[i]!.at;
      state = list[i]!.state;
    }
    acc[state] += Math.max(0, to - t);
    return acc;
  };
  const helpers = [...byTid.keys()].filter((tid) => tid !== serverPid && tgid.get(tid) === serverPid);
  const f = (x: number) => x.toFixed(1);
  const sums = new Map<string, number>();
  let n = 0;
  console.log('\n== all cores: the slowest samples, per phase (A sent → read, B read → written, C written → rang): server main thread run/runnable/asleep, its helper threads runnable (summed), probe main thread run/runnable');
  for (const s of slow) {
    const read = marks.find((m) => m.dir === 'in' && m.user.endsWith('-x') && m.at >= s.t0 - 0.5 && isInvite(m.head));
    const wrote = read && marks.find((m) => m.dir === 'out' && m.user.endsWith('-y') && m.at >= read.at);
    if (!read || !wrote) continue;
    n++;
    const parts: string[] = [];
    for (const [phase, from, to] of [['A', s.t0, read.at], ['B', read.at, wrote.at], ['C', wrote.at, Math.max(wrote.at, s.t0 + s.ring)]] as const) {
      const main = statesOf(serverPid, from, to);
      const help = helpers.reduce((sum, tid) => sum + statesOf(tid, from, to).rq, 0);
      const probe = statesOf(probePid, from, to);
      for (const [k, v] of Object.entries({ 'server run': main.run, 'server runnable': main.rq, 'server asleep': main.sleep, 'server helpers runnable': help, 'probe run': probe.run, 'probe runnable': probe.rq })) sums.set(`${phase} ${k}`, (sums.get(`${phase} ${k}`) ?? 0) + v);
      parts.push(`${phase} ${f(to - from)}: server ${f(main.run)}/${f(main.rq)}/${f(main.sleep)} helpers ${f(help)} probe ${f(probe.run)}/${f(probe.rq)}`);
    }
    console.log(`   ${s.ring.toFixed(1).padStart(6)} ms  ${parts.join('  ')}`);
  }
  console.log(`   per sample (${n}): ${[...sums].map(([k, v]) => `${k} ${(v / Math.max(1, n)).toFixed(2)}`).join(', ')}`);
}
