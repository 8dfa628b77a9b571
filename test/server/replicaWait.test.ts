import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { createRedisStorage } from '../../src/server/redis/createRedisStorage.js';
import { startSentinelDeployment } from '../support/startSentinelDeployment.js';
import { invitationFixture } from '../support/invitationFixture.js';

const commitOf = (inviteID: string) => ({ invitation: invitationFixture({ inviteID, createTime: 1 }), expectedVersion: 0, indexUsers: ['alice'], missedUsers: [], history: [], nextTickAt: null });

// A primary and its replica start (no sentinels): a few seconds on a loaded machine.
describe('each commit waits for a replica (waitForReplicas)', { timeout: 60_000 }, () => {
  it('with a replica in sync the commit returns once the replica holds it, and onError hears nothing', async () => {
    const redis = await startSentinelDeployment('wait', { sentinels: 0 });
    onTestFinished(() => redis.stop());
    const errors: Error[] = [];
    const keyPrefix = `wait:${randomUUID()}:`;
    const storage = await createRedisStorage({ url: `redis://127.0.0.1:${redis.primaryPort}`, keyPrefix, waitForReplicas: 1, onError: (e) => errors.push(e) });
    onTestFinished(() => storage.close());
    const replica = await createRedisStorage({ url: `redis://127.0.0.1:${redis.replicaPort}`, keyPrefix });
    onTestFinished(() => replica.close());
    for (let i = 0; i < 20; i++) {
      expect(await storage.commit(commitOf(`i${i}`))).toBe(true);
      // Read on the replica right after the acknowledgement: it is already there.
      expect((await replica.getInvitation(`i${i}`))?.inviteID).toBe(`i${i}`);
    }
    expect(errors).toEqual([]);
  });

  it('with no replica the commit is acknowledged after replicaWaitMs and onError says it was not confirmed', async () => {
    const errors: Error[] = [];
    const storage = await createRedisStorage({ url: inject('redisUrl'), keyPrefix: `wait:${randomUUID()}:`, waitForReplicas: 1, replicaWaitMs: 100, onError: (e) => errors.push(e) });
    onTestFinished(() => storage.close());
    const started = Date.now();
    expect(await storage.commit(commitOf('lonely'))).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    expect(errors.map((e) => e.message)).toEqual(['commit lonely v1 confirmed by 0 of 1 replicas within 100 ms']);
  });
});
