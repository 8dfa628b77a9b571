import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it, vi } from 'vitest';
import { connectRedis } from '../../src/server/redis/connectRedis.js';
import { createRedisStorage, type RedisStorage } from '../../src/server/redis/createRedisStorage.js';
import { startRedisServer } from '../support/startRedisServer.js';

const url = inject('redisUrl');

describe('Redis presence: users left behind by a dead node', () => {
  it('reports each user of a dead node exactly once, to one sweeper: offline, or still online elsewhere', async () => {
    const keyPrefix = `sweep:${randomUUID()}:`;
    const opened: RedisStorage[] = [];
    const open = async () => {
      const storage = await createRedisStorage({ url, keyPrefix });
      opened.push(storage);
      return storage;
    };
    try {
      const [dying, alive, other] = [await open(), await open(), await open()];
      await dying.addDevice('bob', 'bob-on-dying');
      await dying.addDevice('carol', 'carol-on-dying');
      await alive.addDevice('carol', 'carol-on-alive');
      await dying.addDevice('dave', 'dave-on-dying');
      await dying.removeDevice('dave', 'dave-on-dying'); // left normally: the engine already knows
      const nobody = { offline: [], stillOnline: [] };
      expect(await Promise.all([alive.sweepDeadNodes(), other.sweepDeadNodes()])).toEqual([nobody, nobody]);

      await dying.close(); // drops the liveness key at once, like a node whose key lapsed
      const [a, b] = await Promise.all([alive.sweepDeadNodes(), other.sweepDeadNodes()]);
      expect([...a.offline, ...b.offline]).toEqual(['bob']);
      expect([...a.stillOnline, ...b.stillOnline]).toEqual(['carol']);
      expect(await alive.sweepDeadNodes()).toEqual(nobody);
      expect(await alive.onlineAmong(['bob', 'carol', 'dave'])).toEqual(new Set(['carol']));
    } finally {
      await Promise.all(opened.map((s) => s.close()));
    }
  });

  it('a node cut off longer than the TTL re-registers its devices, and is swept again when it then dies', async () => {
    const keyPrefix = `sweep:${randomUUID()}:`;
    const node = await createRedisStorage({ url, keyPrefix, presenceTtlMs: 60_000 });
    const peer = await createRedisStorage({ url, keyPrefix });
    const raw = await connectRedis({ url });
    try {
      await node.addDevice('bob', 'c1');
      await raw.call(['DEL', `${keyPrefix}node:${node.nodeID}`]);
      expect((await peer.sweepDeadNodes()).offline).toEqual(['bob']);
      expect(await peer.deviceCount('bob')).toBe(0);

      await node.heartbeat(); // back: its devices count again
      expect(await peer.deviceCount('bob')).toBe(1);
      expect((await peer.sweepDeadNodes()).offline).toEqual([]);
      await raw.call(['DEL', `${keyPrefix}node:${node.nodeID}`]);
      expect((await peer.sweepDeadNodes()).offline).toEqual(['bob']);
    } finally {
      await Promise.all([node.close(), peer.close(), raw.close()]);
    }
  });

  it('a device whose removal failed while Redis was down is removed by the next sweep, which reports its user', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ringkit-sweep-'));
    const socketPath = join(dir, 'redis.sock');
    let server = await startRedisServer(socketPath, { persistDir: dir });
    const node = await createRedisStorage({ url: server.url, keyPrefix: 'p:' });
    try {
      expect(await node.addDevice('bob', 'c1')).toBe(1);
      await server.stop(true);
      await expect(node.removeDevice('bob', 'c1')).rejects.toMatchObject({ code: 'INTERNAL' });
      server = await startRedisServer(socketPath, { persistDir: dir });
      // The data survived; so did the device whose removal never arrived.
      await vi.waitFor(async () => expect(await node.deviceCount('bob')).toBe(1), { timeout: 10_000, interval: 50 });
      expect(await node.sweepDeadNodes()).toEqual({ offline: ['bob'], stillOnline: [] });
      expect(await node.deviceCount('bob')).toBe(0);
      expect(await node.sweepDeadNodes()).toEqual({ offline: [], stillOnline: [] });
    } finally {
      await node.close();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('Redis timers: a clear made for a claim does not undo a newer setTimer', () => {
  it('clearTimer(key, ifAt) removes the timer only while it is still due at ifAt', async () => {
    const storage = await createRedisStorage({ url, keyPrefix: `timers:${randomUUID()}:` });
    try {
      await storage.setTimer('gone:bob', 1000);
      expect(await storage.claimDueTimers(1000, 5000, 10)).toEqual(['gone:bob']); // leased until 6000
      await storage.setTimer('gone:bob', 40_000); // bob came back and left again meanwhile
      await storage.clearTimer('gone:bob', 6000);
      expect(await storage.nextTimerAt()).toBe(40_000);
      await storage.clearTimer('gone:bob', 40_000);
      expect(await storage.nextTimerAt()).toBeNull();
    } finally {
      await storage.close();
    }
  });
});
