/**
 * `npx tsx --expose-gc stress/retentionCost.ts`: what one retained item costs in the in-memory
 * storage, to explain the soak's heap plateau and size memory. Runs one real churn cycle
 * (connect, invite with 256 bytes of data, cancel) through an in-process server whose storage
 * records the commits and request outcomes it is given, then replays clones of them (new IDs)
 * into fresh storages and measures the heap after a full GC:
 * - per request outcome (what `maxRequestOutcomes` caps),
 * - per ended invitation with its list entries and history (what `maxEndedInvitations` caps).
 */
import { pino } from 'pino';
import type { InvitationCommit, RingkitStorage } from '../src/engine/storage.js';
import { createMemoryStorage } from '../src/engine/memory/createMemoryStorage.js';
import { createSignalingClient } from '../src/index.js';
import { createRingkitServer } from '../src/server/index.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
/** Storages kept reachable until the end, so a measurement is not undone by the GC. */
const kept: unknown[] = [];
const heap = () => {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
};

// 1. One real churn cycle, recorded.
const commits: InvitationCommit[] = [];
const outcomes: [string, string, number][] = [];
const real = createMemoryStorage();
const recording: RingkitStorage = {
  ...real,
  commit: (change) => (commits.push(structuredClone(change)), real.commit(change)),
  putRequestOutcome: (key, outcome, ttl) => (outcomes.push([key, outcome, ttl]), real.putRequestOutcome(key, outcome, ttl)),
};
const server = await createRingkitServer({ port: 0, auth: { dev: true }, logger: pino({ level: 'silent' }), storage: recording });
const callee = createSignalingClient({ url: server.url, userID: 'steady0-1', deviceID: 'stress' });
await callee.connect();
const caller = createSignalingClient({ url: server.url, userID: 'churn0-3-17', deviceID: 'd17' });
await caller.connect();
const { inviteID } = await caller.invite('steady0-1', { timeout: 30, data: 'x'.repeat(256) });
await caller.cancel(inviteID);
await new Promise((r) => setTimeout(r, 300));
caller.disconnect();
callee.disconnect();
await server.close();
const outcomeStrings = [...commits.flatMap((c) => (c.requestOutcomes ?? []).map((o) => [o.key, o.outcome] as const)), ...outcomes.map(([k, o]) => [k, o] as const)];
console.log(`one cycle: ${commits.length} commits, ${outcomeStrings.length} request outcomes (${outcomeStrings.map(([, o]) => `${o.length} chars`).join(', ')}), invitation JSON ${JSON.stringify(commits.at(-1)!.invitation).length} chars, ${commits.reduce((n, c) => n + c.history.length, 0)} history entries`);

// 2. Request outcomes: N clones into a storage that keeps them all.
const N = 50_000;
{
  const storage = createMemoryStorage({ maxRequestOutcomes: N });
  const before = heap();
  for (let i = 0; i < N; i++) {
    const [key, outcome] = outcomeStrings[i % outcomeStrings.length]!;
    // A fresh string per entry, as each arrives from the wire.
    await storage.putRequestOutcome(`${key}#${i}`, Buffer.from(outcome).toString(), 300_000);
  }
  kept.push(storage);
  const per = (heap() - before) / N;
  console.log(`request outcome: ${Math.round(per)} bytes each → ${N.toLocaleString('en')} (the default cap) = ${((per * N) / 2 ** 20).toFixed(1)} MiB`);
}

// 3. Ended invitations: M clones of the cycle's commits (new inviteIDs and users), kept.
const M = 2_000;
{
  const storage = createMemoryStorage({ maxEndedInvitations: M, maxRequestOutcomes: 1 });
  const before = heap();
  for (let i = 0; i < M; i++) {
    for (const commit of commits) {
      const json = JSON.stringify({ ...commit, requestOutcomes: [] }).replaceAll(inviteID, `${inviteID}-${i}`).replaceAll('churn0-3-17', `churn${i % 2}-${i % 20}-${i % 50}`);
      await storage.commit(JSON.parse(json) as InvitationCommit);
    }
  }
  kept.push(storage);
  const per = (heap() - before) / M;
  console.log(`ended invitation with its list entries and history: ${Math.round(per)} bytes each → ${M.toLocaleString('en')} = ${((per * M) / 2 ** 20).toFixed(1)} MiB; the default cap 10,000 = ${((per * 10_000) / 2 ** 20).toFixed(1)} MiB`);
}
console.log(`(${kept.length} storages measured)`);
process.exit(0);
