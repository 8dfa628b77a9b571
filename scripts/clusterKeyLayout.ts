/**
 * `npx tsx scripts/clusterKeyLayout.ts`: proves the Redis Cluster key layout of docs/scaling.md on
 * a real local cluster. Starts six `redis-server --cluster-enabled yes` on loopback (three
 * primaries, three replicas, `redis-cli --cluster create`), then:
 * 1. runs the hash-tagged key set of every planned script call, for 1,000 random invitations,
 *    users, groups and conversations, through `CLUSTER KEYSLOT` and checks that each call's keys
 *    share one slot (and that the calls spread over all three primaries);
 * 2. shows today's commit script refused by the cluster (its key names are computed inside Lua);
 * 3. runs the planned invitation-slot commit (keys declared in KEYS) through node-redis'
 *    cluster client, on whichever primary owns the slot.
 * Everything stops at the end; nothing outside 127.0.0.1 is touched.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, createCluster } from 'redis';
import { COMMIT_SCRIPT } from '../src/server/redis/scripts/invitationScripts.js';

const P = 'ringkit:';
const TIMER_SHARDS = 16;

/** The planned layout: every key of one script call carries the same hash tag. */
export const clusterKeys = {
  /** The commit itself: the invitation, its pending-index marker and the outcomes of the requests it answers. */
  commitInvitation: (inviteID: string, outcomeKeys: string[]) => [`${P}{i:${inviteID}}inv`, ...outcomeKeys.map((k) => `${P}{i:${inviteID}}req:${k}`)],
  /** Written before a create's commit: the requestID → inviteID pointer that makes the create idempotent. */
  createPointer: (userID: string, requestID: string) => [`${P}{u:${userID}}reqp:${requestID}`],
  /** Second step per user of a commit: list, active set, missed set, the user's own order counter. */
  indexUser: (userID: string) => [`${P}{u:${userID}}uinv`, `${P}{u:${userID}}act`, `${P}{u:${userID}}missed`, `${P}{u:${userID}}useq`],
  indexGroup: (groupID: string) => [`${P}{g:${groupID}}act`],
  appendHistory: (conversation: string) => [`${P}{h:${conversation}}hist`, `${P}{h:${conversation}}hseq`],
  timerShard: (inviteID: string) => [`${P}{t:${shardOf(inviteID)}}timers`],
  listUser: (userID: string) => [`${P}{u:${userID}}uinv`],
  device: (userID: string) => [`${P}{u:${userID}}dev`, `${P}{u:${userID}}busy`],
  requestOutcome: (userID: string, requestID: string) => [`${P}{u:${userID}}req:${requestID}`],
  heartbeat: (nodeID: string) => [`${P}{n}nodes`, `${P}{n}node:${nodeID}`, `${P}{n}ndev:${nodeID}`],
  groupWrite: (groupID: string) => [`${P}{g:${groupID}}gm`, `${P}{g:${groupID}}exists`],
  groupsOfUser: (userID: string) => [`${P}{u:${userID}}gu`],
};

function shardOf(id: string): number {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % TIMER_SHARDS;
}

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise<ReturnType<typeof createServer>>((resolve) => { const s = createServer(); s.listen(0, '127.0.0.1', () => resolve(s)); })));
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

const dir = mkdtempSync(join(tmpdir(), 'ringkit-cluster-'));
const ports = await freePorts(6);
const children: ChildProcess[] = ports.map((port) =>
  spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${port}.conf`), '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }),
);
const t0 = performance.now();
try {
  for (const port of ports) {
    for (let i = 0; ; i++) {
      try {
        execFileSync('redis-cli', ['-p', String(port), 'PING'], { stdio: 'pipe' });
        break;
      } catch {
        if (i > 100) throw new Error(`redis-server on ${port} did not start`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
  execFileSync('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '1', '--cluster-yes'], { stdio: 'pipe' });
  for (let i = 0; !/cluster_state:ok/.test(execFileSync('redis-cli', ['-p', String(ports[0]), 'CLUSTER', 'INFO'], { encoding: 'utf8' })); i++) {
    if (i > 200) throw new Error('cluster did not reach cluster_state:ok');
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(`cluster of 6 (3 primaries + 3 replicas) up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // 1. Every planned call's keys share one slot; the calls spread over the primaries.
  const client = createClient({ url: `redis://127.0.0.1:${ports[0]}` });
  await client.connect();
  const slotOf = async (key: string) => Number(await client.sendCommand(['CLUSTER', 'KEYSLOT', key]));
  const owners: [number, number, string][] = ((await client.sendCommand(['CLUSTER', 'SLOTS'])) as [number, number, [string, number, string]][]).map(([from, to, primary]) => [from, to, `${primary[0]}:${primary[1]}`]);
  const ownerOf = (slot: number) => owners.find(([from, to]) => slot >= from && slot <= to)![2];
  const perScript: Record<string, { calls: number; oneSlot: number; primaries: Set<string> }> = {};
  for (let i = 0; i < 1000; i++) {
    const inviteID = randomUUID();
    const user = `user-${randomUUID().slice(0, 8)}`;
    const calls: [string, string[]][] = [
      ['commitInvitation', clusterKeys.commitInvitation(inviteID, [`${user}:${randomUUID()}`, `bob:${randomUUID()}`])],
      ['createPointer', clusterKeys.createPointer(user, randomUUID())],
      ['indexUser', clusterKeys.indexUser(user)],
      ['indexGroup', clusterKeys.indexGroup(`class-${i}`)],
      ['appendHistory', clusterKeys.appendHistory(`c2c:${user}|bob`)],
      ['timerShard', clusterKeys.timerShard(inviteID)],
      ['listUser', clusterKeys.listUser(user)],
      ['device', clusterKeys.device(user)],
      ['requestOutcome', clusterKeys.requestOutcome(user, randomUUID())],
      ['heartbeat', clusterKeys.heartbeat(randomUUID())],
      ['groupWrite', clusterKeys.groupWrite(`class-${i}`)],
      ['groupsOfUser', clusterKeys.groupsOfUser(user)],
    ];
    for (const [name, keys] of calls) {
      const slots = new Set(await Promise.all(keys.map(slotOf)));
      const entry = (perScript[name] ??= { calls: 0, oneSlot: 0, primaries: new Set() });
      entry.calls++;
      if (slots.size === 1) entry.oneSlot++;
      entry.primaries.add(ownerOf([...slots][0]!));
    }
  }
  let ok = true;
  for (const [name, e] of Object.entries(perScript)) {
    ok &&= e.oneSlot === e.calls;
    console.log(`${name.padEnd(17)} ${e.oneSlot}/${e.calls} calls with all keys in one slot; spread over ${e.primaries.size} of 3 primaries`);
  }
  console.log(`today's single-slot key (all timers): ${P}timers → one slot, one primary; the 16 timer shards map to ${new Set(await Promise.all(Array.from({ length: TIMER_SHARDS }, (_, n) => slotOf(`${P}{t:${n}}timers`)).map(async (s) => ownerOf(await s)))).size} primaries`);

  // 2. Today's commit script: keys computed in Lua, none declared. The cluster refuses it.
  const inviteID = randomUUID();
  const todayArgs = [P, inviteID, '0', '1', '{}', '0', '', '', '60000', '2', 'alice', 'bob', '2', 'alice', 'bob', '0', '0', '0'];
  let refused = '';
  for (const port of ports.slice(0, 3)) {
    const single = createClient({ url: `redis://127.0.0.1:${port}` });
    await single.connect();
    try {
      await single.sendCommand(['EVAL', COMMIT_SCRIPT, '0', ...todayArgs]);
    } catch (err) {
      refused ||= `on 127.0.0.1:${port}: ${(err as Error).message}`;
    }
    await single.close();
  }
  console.log(`today's COMMIT_SCRIPT on the cluster: ${refused ? `refused: ${refused.split('\n')[0]!.slice(0, 160)}` : 'ran (unexpected)'}`);
  ok &&= refused !== '';

  // 3. The planned invitation-slot commit, keys declared, through the cluster client.
  const cluster = createCluster({ rootNodes: ports.slice(0, 3).map((p) => ({ url: `redis://127.0.0.1:${p}` })) });
  await cluster.connect();
  const planned = `
local cur = redis.call('HGET', KEYS[1], 'v')
if (cur and tonumber(cur) or 0) ~= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'j', ARGV[3], 'pend', ARGV[2])
for k = 2, #KEYS do redis.call('SET', KEYS[k], ARGV[4], 'NX', 'PX', ARGV[5]) end
return 1`;
  const keys = clusterKeys.commitInvitation(inviteID, ['alice:r1']);
  const first = await cluster.eval(planned, { keys, arguments: ['0', '1', '{"inviteID":"x"}', 'outcome', '300000'] });
  const again = await cluster.eval(planned, { keys, arguments: ['0', '1', '{"inviteID":"x"}', 'outcome', '300000'] });
  console.log(`planned commit on the cluster (slot ${await slotOf(keys[0]!)}, primary ${ownerOf(await slotOf(keys[0]!))}): first ${String(first)}, replayed ${String(again)} (compare-and-set refuses the replay)`);
  ok &&= Number(first) === 1 && Number(again) === 0;
  await cluster.close();
  await client.close();
  console.log(ok ? 'key layout holds' : 'KEY LAYOUT BROKEN');
  process.exitCode = ok ? 0 : 1;
} finally {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
