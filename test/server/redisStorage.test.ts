import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it, vi } from 'vitest';
import { RingkitError } from '../../src/protocol/errors.js';
import type { RingkitStorage } from '../../src/engine/storage.js';
import { createRedisGroupDirectory } from '../../src/server/redis/createRedisGroupDirectory.js';
import { createRedisStorage, type RedisStorageOptions } from '../../src/server/redis/createRedisStorage.js';
import { connectRedis } from '../../src/server/redis/connectRedis.js';
import { describeStorageContract } from '../engine/storageContract.js';
import { describeGroupDirectoryContract } from '../engine/groupDirectoryContract.js';
import { invitationFixture } from '../support/invitationFixture.js';
import { startRedisServer } from '../support/startRedisServer.js';

const url = inject('redisUrl');
const uniquePrefix = () => `test:${randomUUID()}:`;

describeStorageContract('redis', async () => {
  const keyPrefix = uniquePrefix();
  const opened: RingkitStorage[] = [await createRedisStorage({ url, keyPrefix })];
  return {
    storage: opened[0]!,
    openPeer: async () => {
      const peer = await createRedisStorage({ url, keyPrefix });
      opened.push(peer);
      return peer;
    },
    cleanup: async () => {
      await Promise.all(opened.map((s) => s.close()));
    },
  };
});

describeGroupDirectoryContract('redis', async () => {
  const groups = await createRedisGroupDirectory({ url, keyPrefix: uniquePrefix() });
  return { groups, cleanup: () => groups.close() };
});

describe('redis storage specifics', () => {
  const open = (options: RedisStorageOptions = {}) => createRedisStorage({ url, keyPrefix: uniquePrefix(), ...options });

  it('forgets the devices of a node that died without cleaning up', async () => {
    const keyPrefix = uniquePrefix();
    const dying = await createRedisStorage({ url, keyPrefix, presenceTtlMs: 300 });
    const alive = await createRedisStorage({ url, keyPrefix, presenceTtlMs: 300 });
    try {
      await dying.addDevice('bob', 'on-dying-node');
      await alive.addDevice('carol', 'on-alive-node');
      expect(await alive.deviceCount('bob')).toBe(1);
      // Simulate a crash: the heartbeat stops, the liveness key is left to expire.
      const redis = await connectRedis({ url });
      try {
        await redis.call(['PEXPIRE', `${keyPrefix}node:${dying.nodeID}`, '1']);
      } finally {
        await redis.close();
      }
      await vi.waitFor(async () => expect(await alive.deviceCount('bob')).toBe(0), { timeout: 3000, interval: 20 });
      expect(await alive.onlineAmong(['bob', 'carol'])).toEqual(new Set(['carol']));
      // The cut-off node comes back and re-registers its own devices.
      await dying.heartbeat();
      expect(await alive.deviceCount('bob')).toBe(1);
    } finally {
      await Promise.all([dying.close(), alive.close()]);
    }
  });

  it('drops a closed node’s devices at once', async () => {
    const keyPrefix = uniquePrefix();
    const leaving = await createRedisStorage({ url, keyPrefix });
    const staying = await createRedisStorage({ url, keyPrefix });
    await leaving.addDevice('bob', 'c1');
    await leaving.close();
    expect(await staying.deviceCount('bob')).toBe(0);
    await staying.close();
  });

  it('expires ended invitations and their index entries after the retention', async () => {
    const storage = await open({ retentionSeconds: 0.2 });
    try {
      const inv = invitationFixture({ inviteID: 'i1', createTime: 1, state: 'ended', endReason: 'cancelled' });
      await storage.commit({ invitation: inv, expectedVersion: 0, indexUsers: ['alice'], missedUsers: [], history: [], nextTickAt: null });
      expect((await storage.listUserInvitations('alice', 10, 0)).inviteIDs).toEqual(['i1']);
      await vi.waitFor(async () => expect(await storage.getInvitation('i1')).toBeUndefined(), { timeout: 3000, interval: 20 });
      expect(await storage.listUserInvitations('alice', 10, 0)).toEqual({ inviteIDs: [], next: 0 });
    } finally {
      await storage.close();
    }
  });

  it('rejects with INTERNAL while Redis is down and recovers when it is back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ringkit-redis-down-'));
    const socketPath = join(dir, 'redis.sock');
    let server = await startRedisServer(socketPath);
    const errors: Error[] = [];
    const storage = await createRedisStorage({ url: server.url, onError: (err) => errors.push(err) });
    try {
      await storage.setTimer('t', 1000);
      await server.stop(true);

      const failure = await storage.nextTimerAt().catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(RingkitError);
      expect((failure as RingkitError).code).toBe('INTERNAL');
      expect((failure as RingkitError).message).toMatch(/^storage unavailable: /);
      await expect(storage.commit({
        invitation: invitationFixture({ inviteID: 'x', inviter: 'a', timeout: 0, createTime: 1 }),
        expectedVersion: 0, indexUsers: [], missedUsers: [], history: [], nextTickAt: null,
      })).rejects.toMatchObject({ code: 'INTERNAL' });
      await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0));

      server = await startRedisServer(socketPath);
      // The new server has neither data nor loaded scripts; calls work again once reconnected.
      await vi.waitFor(async () => expect(await storage.nextTimerAt()).toBeNull(), { timeout: 10_000, interval: 50 });
      expect(await storage.claimDueTimers(0, 1000, 10)).toEqual([]);
      expect(await storage.addDevice('bob', 'c1')).toBe(1);
    } finally {
      await storage.close();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('works on a client the app owns and leaves it open on close', async () => {
    const { createClient } = await import('redis');
    const client = createClient({ url });
    await client.connect();
    try {
      const storage = await createRedisStorage({ client, keyPrefix: uniquePrefix() });
      expect(await storage.putRequestOutcome('r', 'x', 1000)).toBe(true);
      await storage.close();
      expect(await client.ping()).toBe('PONG');
    } finally {
      client.destroy();
    }
  });

  it('fails fast when Redis cannot be reached at start', async () => {
    const started = Date.now();
    await expect(createRedisStorage({ url: 'unix:///nonexistent/redis.sock', connectTimeoutMs: 300 })).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
