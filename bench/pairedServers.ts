/**
 * `tsx bench/pairedServers.ts <worktree A> <worktree B> [rounds] [phaseMs]`: a paired A/B of two
 * builds' ringkit servers under the sustained 1v1 load (64 invite→accept cycles in flight), for a
 * change whose effect is smaller than this machine's run-to-run spread. Both servers run at once
 * (each worktree's own `bench/serverProcess.ts` on its own `dist/`), this process drives 64 pairs
 * against each in alternating phases (A B B A …), and each round's ratio of server CPU per cycle
 * (B / A) is measured in the same window; the median over the rounds is printed.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { openRingkitPair } from './latency.js';

type Stats = { cpuMs: number };
function spawn(worktree: string) {
  const child = fork(join(worktree, 'bench/serverProcess.ts'), [], {
    cwd: worktree,
    execArgv: ['--import', 'tsx', '--expose-gc', '--max-old-space-size=4096'],
    env: { ...process.env, BENCH_SERVER: JSON.stringify({ kind: 'ringkit' }) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const waiting = new Map<number, (v: unknown) => void>();
  const url = new Promise<string>((resolve) =>
    child.on('message', (msg: { ready?: string; id?: number; result?: unknown }) => {
      if (msg.ready) return resolve(msg.ready);
      waiting.get(msg.id!)?.(msg.result);
      waiting.delete(msg.id!);
    }),
  );
  const call = <T>(req: object) => new Promise<T>((resolve) => { const id = next++; waiting.set(id, resolve as (v: unknown) => void); child.send({ ...req, id }); });
  return { url, stats: () => call<Stats>({ cmd: 'stats' }), stop: () => call({ cmd: 'exit' }).catch(() => undefined) };
}

/** Runs every loop's `sample()` back to back, all at once, for `ms`; returns how many cycles completed. */
async function cyclesWithin(loops: { sample(): Promise<unknown> }[], ms: number): Promise<number> {
  let cycles = 0;
  const end = performance.now() + ms;
  await Promise.all(loops.map(async (loop) => { while (performance.now() < end) { await loop.sample(); cycles++; } }));
  return cycles;
}

const [a, b, roundsArg, phaseArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 12);
const phaseMs = Number(phaseArg ?? 1500);
const servers = [spawn(a!), spawn(b!)];
const urls = await Promise.all(servers.map((s) => s.url));
const pairs = await Promise.all(urls.map((url, s) => Promise.all(Array.from({ length: 64 }, (_, i) => openRingkitPair(url, url, `p${s}-${i}-a`, `p${s}-${i}-b`)))));
for (const p of pairs) await cyclesWithin(p, 1000);
const perCycle: number[][] = [[], []];
const rates: number[][] = [[], []];
for (let r = 0; r < rounds; r++) {
  for (const s of r % 2 === 0 ? [0, 1] : [1, 0]) {
    const c0 = (await servers[s]!.stats()).cpuMs;
    const cycles = await cyclesWithin(pairs[s]!, phaseMs);
    const cpu = (await servers[s]!.stats()).cpuMs - c0;
    perCycle[s]!.push(cpu / cycles);
    rates[s]!.push(cycles / (phaseMs / 1000));
  }
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const ratios = perCycle[0]!.map((x, i) => perCycle[1]![i]! / x);
const rateRatios = rates[0]!.map((x, i) => rates[1]![i]! / x);
const f = (xs: number[], d = 3) => xs.map((x) => x.toFixed(d)).join(' ');
console.log(`A server ms/cycle: ${f(perCycle[0]!)} (median ${median(perCycle[0]!).toFixed(4)})`);
console.log(`B server ms/cycle: ${f(perCycle[1]!)} (median ${median(perCycle[1]!).toFixed(4)})`);
console.log(`B/A per round: ${f(ratios)} → median ${median(ratios).toFixed(3)}; cycles/s B/A median ${median(rateRatios).toFixed(3)} (A ${median(rates[0]!).toFixed(0)}/s, B ${median(rates[1]!).toFixed(0)}/s)`);
for (const p of pairs.flat()) p.close();
await Promise.all(servers.map((s) => s.stop()));
process.exit(0);
