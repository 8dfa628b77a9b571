import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { createRedisStorage } from '../../src/server/redis/createRedisStorage.js';
import { createPubSubRecovery } from '../../src/server/redis/createPubSubRecovery.js';
import { redisServerOptions } from '../../src/server/redis/redisServerOptions.js';
import { connectClient, startServer, until } from '../support/harness.js';
import { startRedisServer } from '../support/startRedisServer.js';
import { startSentinelDeployment } from '../support/startSentinelDeployment.js';

/** A node-redis client of the test's own, closed after the test. */
async function redisClient(url: string) {
  const client = createClient({ url });
  client.on('error', () => {});
  await client.connect();
  onTestFinished(() => void client.close().catch(() => client.destroy()));
  return client;
}

// Five redis-server processes start (primary, replica, three sentinels): a hang guard above the default.
describe('a node loses only its pub/sub connection', { timeout: 60_000 }, () => {
  it("Sentinel: the subscriber is cut (CLIENT KILL TYPE pubsub) and restored silently; the node proves it is back and its clients resynchronise, so an answer published during the cut reaches the caller", async () => {
    const redis = await startSentinelDeployment();
    onTestFinished(() => redis.stop());
    const target = { sentinels: redis.sentinels, name: redis.name };
    const keyPrefix = `pubsubdrop:${randomUUID()}:`;
    const [o1, o2] = await Promise.all([redisServerOptions(target, { keyPrefix, onError: () => {} }), redisServerOptions(target, { keyPrefix, onError: () => {} })]);
    const [n1, n2] = await Promise.all([startServer({ ...o1 }), startServer({ ...o2 })]);
    const truth = await createRedisStorage({ sentinel: target, keyPrefix });
    onTestFinished(() => truth.close());
    const admin = await redisClient(`redis://127.0.0.1:${redis.primaryPort}`);

    const alice = await connectClient(n1, 'alice');
    const bob = await connectClient(n2, 'bob');
    const { inviteID } = await alice.invite('bob', { timeout: 60 });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);

    // Every subscriber connection on the primary is cut (both nodes'); node-redis' Sentinel client
    // restores them on the same primary with one 'error' event and no 'ready'. Bob answers at once,
    // while node 1's subscriber is likely still away.
    await admin.sendCommand(['CLIENT', 'KILL', 'TYPE', 'pubsub']);
    await bob.accept(inviteID);

    // Node 1 proves its subscription is back and makes alice reconnect and resynchronise.
    await alice.next('connectionStateChanged', (e) => e.previous === 'reconnecting' && e.state === 'connected', 15_000);
    const ended = await truth.getInvitation(inviteID);
    expect(ended).toMatchObject({ state: 'ended', endReason: 'allAnswered' });
    await until(() => alice.getInvitation(inviteID)?.version === ended!.version, 5000, "alice's mirror at the ended invitation");
    expect(alice.getInvitation(inviteID)).toEqual(ended);
    expect(alice.seen('inviteeAccepted').filter((e) => e.inviteID === inviteID)).toHaveLength(1);

    // And the nodes relay again: a new call crosses them without a reconnect.
    const again = await alice.invite('bob', { timeout: 60 });
    await bob.next('invitationReceived', (e) => e.inviteID === again.inviteID);
    await bob.accept(again.inviteID);
    await alice.next('inviteeAccepted', (e) => e.inviteID === again.inviteID, 10_000);
  });

  it('a failed publish: the node announces it and every other node (not itself) resynchronises once its subscriber hears it', async () => {
    const url = inject('redisUrl');
    const keyPrefix = `pubsubdrop:${randomUUID()}:`;
    const resynced: string[] = [];
    const nodeOf = async (name: string) => {
      const [pub, sub] = [await redisClient(url), createClient({ url })];
      sub.on('error', () => {});
      await sub.connect();
      onTestFinished(() => void sub.close().catch(() => sub.destroy()));
      let closed = false;
      onTestFinished(() => void (closed = true));
      const recovery = createPubSubRecovery({ keyPrefix, pub, sub, storageReady: () => true, isClosed: () => closed, resync: () => resynced.push(name) });
      onTestFinished(() => recovery.stop());
      await recovery.start();
      return recovery;
    };
    const [a] = await Promise.all([nodeOf('a'), nodeOf('b'), nodeOf('c')]);
    a!.publishFailed();
    await until(() => resynced.length >= 2, 5000, 'b and c resynchronise');
    await new Promise((resolve) => setTimeout(resolve, 200)); // room for a wrong third
    expect(resynced.sort()).toEqual(['b', 'c']);
  });

  it('a publish that reaches no subscriber (not even its own node\'s) is announced like a failed one', async () => {
    // A Redis of the test's own: its client limit is lowered for a moment.
    const dir = await mkdtemp(join(tmpdir(), 'ringkit-pubsubdrop-'));
    const server = await startRedisServer(join(dir, 'redis.sock'));
    onTestFinished(async () => {
      await server.stop(true);
      await rm(dir, { recursive: true, force: true });
    });
    const keyPrefix = `pubsubdrop:${randomUUID()}:`;
    const options = await redisServerOptions(server.url, { keyPrefix, onError: () => {} });
    const node = await startServer({ ...options });
    const admin = await redisClient(server.url);

    // Another node's recovery, listening for announcements.
    const [pub, sub] = [await redisClient(server.url), createClient({ url: server.url })];
    sub.on('error', () => {});
    await sub.connect();
    onTestFinished(() => void sub.close().catch(() => sub.destroy()));
    const otherSubscriber = String(await sub.sendCommand(['CLIENT', 'ID']));
    let resynced = 0;
    const other = createPubSubRecovery({ keyPrefix, pub, sub, storageReady: () => true, isClosed: () => false, resync: () => resynced++ });
    onTestFinished(() => other.stop());
    await other.start();

    // The node's subscriber is cut and cannot come back (no connection slot left), so the node's
    // own broadcast reaches no subscriber at all: PUBLISH answers 0, and nothing failed.
    const clients = String(await admin.sendCommand(['CLIENT', 'LIST', 'TYPE', 'pubsub'])).split('\n').filter(Boolean);
    const subscribers = clients.filter((line) => !line.startsWith(`id=${otherSubscriber} `));
    expect(subscribers.length).toBeGreaterThan(0);
    const connected = String(await admin.sendCommand(['CLIENT', 'LIST'])).split('\n').filter(Boolean).length;
    await admin.sendCommand(['CONFIG', 'SET', 'maxclients', String(connected - 1)]);
    onTestFinished(() => void admin.sendCommand(['CONFIG', 'SET', 'maxclients', '10000']).catch(() => undefined));
    for (const line of subscribers) await admin.sendCommand(['CLIENT', 'KILL', 'ID', /id=(\d+)/.exec(line)![1]!]);
    node.io.emit('ringkit:test', 'into the void');
    await until(() => resynced > 0, 5000, 'the other node resynchronises');
    expect(resynced).toBe(1);
  });
});
