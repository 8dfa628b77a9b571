import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { RingkitError } from '../../src/index.js';
import { retryWhile, startCluster, type Cluster } from '../support/cluster.js';
import { connectClient, until } from '../support/harness.js';
import { startRedisServer, type RedisServerProcess } from '../support/startRedisServer.js';

/** A redis-server of the test's own (it gets killed), stopped and removed after the test. */
async function privateRedis(persist: boolean) {
  const dir = await mkdtemp(join(tmpdir(), 'ringkit-scaleout-'));
  const socketPath = join(dir, 'redis.sock');
  const options = persist ? { persistDir: dir } : {};
  const handle = { server: await startRedisServer(socketPath, options) as RedisServerProcess };
  onTestFinished(async () => {
    await handle.server.stop(true);
    await rm(dir, { recursive: true, force: true });
  });
  return {
    url: handle.server.url,
    kill: () => handle.server.stop(true),
    restart: async () => void (handle.server = await startRedisServer(socketPath, options)),
  };
}

type Node = Cluster['nodes'][0];

// Redis is killed and restarted and the nodes reconnect: a hang guard above the default 20 s for loaded machines.
describe('Redis goes away under a running cluster', { timeout: 60_000 }, () => {
  it('Redis (append-only) is killed and restarted mid-call: the active invitation survives, bob’s fresh device rings and accepts', async () => {
    const redis = await privateRedis(true);
    const cluster = await startCluster(redis.url, 2);
    const [n1, n2] = cluster.nodes as [Node, Node];
    const alice = await connectClient(n1, 'alice', { deviceID: 'alice-phone' });
    const { inviteID } = await alice.invite('bob', { timeout: 120, data: 'call me' }); // bob is offline

    await redis.kill();
    await redis.restart();

    const stored = await retryWhile(['INTERNAL'], () => cluster.snapshot(inviteID));
    expect(stored).toMatchObject({ state: 'active', data: 'call me' });
    expect(stored.users[0]?.state).toBe('inviting');

    const bob = await retryWhile(['INTERNAL'], () => connectClient(n2, 'bob', { deviceID: 'bob-new-phone' }));
    expect(await bob.next('invitationReceived', (e) => e.inviteID === inviteID)).toMatchObject({ inviter: 'alice', data: 'call me' });
    await bob.accept(inviteID, { data: 'got it' });
    // alice stayed connected to node 1 all along; she hears the answer relayed from node 2.
    expect(await alice.next('inviteeAccepted', (e) => e.inviteID === inviteID, 10_000)).toMatchObject({ invitee: 'bob', data: 'got it' });
    // Node 1's subscriber was cut off (pub/sub loses what is published meanwhile), so node 1 made
    // its clients reconnect and resynchronise from storage once Redis answered again.
    await alice.next('connectionStateChanged', (e) => e.previous === 'reconnecting' && e.state === 'connected', 10_000);
    const ended = await cluster.snapshot(inviteID);
    expect(ended).toMatchObject({ state: 'ended', endReason: 'allAnswered' });
    await until(() => alice.getInvitation(inviteID)?.version === ended.version, 5000, 'alice at the final version');
    expect(alice.getInvitation(inviteID)).toEqual(ended);
    expect(alice.seen('inviteeAccepted').filter((e) => e.inviteID === inviteID)).toHaveLength(1);
    const history = await cluster.storage.getHistory('c2c:alice|bob', 10, 0);
    expect(history.entries.map((e) => e.signaling.actionType).reverse()).toEqual(['invite', 'accept']);
  });

  it('while Redis is down requests fail with INTERNAL "storage unavailable", nothing crashes, and service resumes when it is back', async () => {
    const redis = await privateRedis(false);
    const cluster = await startCluster(redis.url, 2);
    const [n1, n2] = cluster.nodes as [Node, Node];
    const alice = await connectClient(n1, 'alice');
    const bob = await connectClient(n2, 'bob');
    const before = await alice.invite('bob', { timeout: 30 });
    await bob.next('invitationReceived', (e) => e.inviteID === before.inviteID);

    await redis.kill();
    const attempts = [() => alice.invite('bob', { timeout: 30 }), () => bob.accept(before.inviteID), () => alice.queryInvitations({ count: 10 })];
    for (const attempt of attempts) {
      const error = (await attempt().then(() => undefined, (e: unknown) => e)) as RingkitError | undefined;
      expect(error?.code).toBe('INTERNAL');
      expect(error?.message).toMatch(/^storage unavailable/);
    }
    expect(alice.connectionState).toBe('connected');

    await redis.restart(); // empty: no persistence
    const { inviteID } = await retryWhile(['INTERNAL', 'NOT_CONNECTED'], () => alice.invite('bob', { timeout: 30, data: 'again' }));
    expect(await bob.next('invitationReceived', (e) => e.inviteID === inviteID, 10_000)).toMatchObject({ data: 'again' });
    // Each node's Redis connections come back on their own backoff (up to about 2 s): node 2 may
    // still answer INTERNAL "storage unavailable" after node 1 served alice's invite again.
    await retryWhile(['INTERNAL', 'NOT_CONNECTED'], () => bob.accept(inviteID, { data: 'yes' }));
    expect(await alice.next('inviteeAccepted', (e) => e.inviteID === inviteID, 10_000)).toMatchObject({ data: 'yes' });
    expect((await cluster.snapshot(inviteID)).state).toBe('ended');
  });
});
