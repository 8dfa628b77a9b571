import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startRedisServer } from './startRedisServer.js';

/**
 * Global setup of the node project: one throwaway redis-server on a unix socket (no persistence),
 * handed to tests as `inject('redisUrl')`. Tests isolate themselves with a unique key prefix.
 * @example const storage = await createRedisStorage({ url: inject('redisUrl'), keyPrefix: `t:${randomUUID()}:` })
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'ringkit-redis-'));
  const redis = await startRedisServer(join(dir, 'redis.sock'));
  project.provide('redisUrl', redis.url);
  return async () => {
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
