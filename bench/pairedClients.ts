/**
 * `tsx bench/pairedClients.ts <worktree A> <worktree B> [rounds] [phaseMs]`: a paired A/B of two
 * builds' ringkit clients under the sustained 1v1 load, for a change whose effect is smaller than
 * this machine's run-to-run spread. One ringkit server (this worktree's `bench/serverProcess.ts`
 * on its `dist/`) serves 64 pairs of A's clients (`createSignalingClient` from A's `dist/`, with
 * A's own socket.io-client) and 64 pairs of B's, all in this process; the two sets run in
 * alternating phases (A B B A …), and each round's ratio of this process's CPU per cycle (B / A)
 * is taken in the same window; the median over the rounds is printed.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SignalingClient } from 'ringkit';
import { spawnBenchServer } from './spawnBenchServer.js';

type CreateClient = (options: { url: string; userID: string; requestTimeoutMs?: number }) => SignalingClient;

/** A one-to-one cycle as `openRingkitPair` runs it (latency.ts), with the client of a given build. */
async function openPair(create: CreateClient, url: string, a: string, b: string) {
  const inviter = create({ url, userID: a, requestTimeoutMs: 10_000 });
  const invitee = create({ url, userID: b, requestTimeoutMs: 10_000 });
  await Promise.all([inviter.connect(), invitee.connect()]);
  invitee.on('invitationReceived', (e) => void invitee.accept(e.inviteID).catch(() => undefined));
  return {
    async sample(): Promise<void> {
      const answered = new Promise<void>((r) => {
        const off = inviter.on('inviteeAccepted', () => (off(), r()));
      });
      await inviter.invite(b, { timeout: 60 });
      await answered;
    },
    close: () => (inviter.disconnect(), invitee.disconnect()),
  };
}

async function throughput(loops: { sample(): Promise<unknown> }[], ms: number): Promise<number> {
  let cycles = 0;
  const end = performance.now() + ms;
  await Promise.all(loops.map(async (loop) => { while (performance.now() < end) { await loop.sample(); cycles++; } }));
  return cycles;
}

const ownCpuMs = () => {
  const cpu = process.cpuUsage();
  return (cpu.user + cpu.system) / 1000;
};

const [a, b, roundsArg, phaseArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 12);
const phaseMs = Number(phaseArg ?? 1500);
const builds = await Promise.all([a!, b!].map(async (tree) => ((await import(pathToFileURL(join(tree, 'dist/index.js')).href)) as { createSignalingClient: CreateClient }).createSignalingClient));
const server = await spawnBenchServer({ kind: 'ringkit' });
const pairs = await Promise.all(builds.map((create, s) => Promise.all(Array.from({ length: 64 }, (_, i) => openPair(create, server.url, `c${s}-${i}-a`, `c${s}-${i}-b`)))));
for (const p of pairs) await throughput(p, 1000);
const perCycle: number[][] = [[], []];
for (let r = 0; r < rounds; r++) {
  for (const s of r % 2 === 0 ? [0, 1] : [1, 0]) {
    const c0 = ownCpuMs();
    const cycles = await throughput(pairs[s]!, phaseMs);
    perCycle[s]!.push((ownCpuMs() - c0) / cycles);
  }
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const ratios = perCycle[0]!.map((x, i) => perCycle[1]![i]! / x);
const f = (xs: number[], d = 3) => xs.map((x) => x.toFixed(d)).join(' ');
console.log(`A clients ms/cycle: ${f(perCycle[0]!)} (median ${median(perCycle[0]!).toFixed(4)})`);
console.log(`B clients ms/cycle: ${f(perCycle[1]!)} (median ${median(perCycle[1]!).toFixed(4)})`);
console.log(`B/A per round: ${f(ratios)} → median ${median(ratios).toFixed(3)}, ${ratios.filter((x) => x < 1).length} of ${ratios.length} rounds lower`);
for (const p of pairs.flat()) p.close();
await server.stop();
process.exit(0);
