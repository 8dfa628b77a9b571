import { randomUUID } from 'node:crypto';
import { onTestFinished } from 'vitest';
import type { Invitation } from '../../src/protocol/types.js';
import type { RingkitLimits } from '../../src/protocol/limits.js';
import type { RingkitServer } from '../../src/server/index.js';
import { createRedisStorage, type RedisStorage } from '../../src/server/redis/createRedisStorage.js';
import { redisServerOptions, type RedisServerOptions, type RedisServerOptionsOptions } from '../../src/server/redis/redisServerOptions.js';
import { startServer } from './harness.js';
import { storageProbe } from './storageProbe.js';

/** A node of an in-process cluster: the server plus the Redis options it was started with. */
export interface ClusterNode extends RingkitServer {
  redis: RedisServerOptions;
}

/** Several ringkit servers in this process sharing one Redis under a fresh key prefix. */
export interface Cluster {
  nodes: ClusterNode[];
  keyPrefix: string;
  /** A storage of its own on the same keys, to read the cluster's truth. */
  storage: RedisStorage;
  /** The stored snapshot of an invitation (fails when there is none). */
  snapshot(inviteID: string): Promise<Invitation>;
  /** Waits until the stored snapshot satisfies `check`. */
  untilSnapshot(inviteID: string, check: (inv: Invitation) => boolean, what: string, timeoutMs?: number): Promise<Invitation>;
}

/** Options of `startCluster`. */
export interface ClusterOptions extends Omit<RedisServerOptionsOptions, 'keyPrefix'> {
  limits?: Partial<RingkitLimits>;
}

/**
 * Starts `size` servers on port 0, each with Redis storage, groups and the Redis adapter under a
 * fresh key prefix; they are closed after the test (harness), the reader storage too.
 * @example const { nodes: [n1, n2, n3] } = await startCluster(inject('redisUrl'), 3)
 */
export async function startCluster(url: string, size: number, options: ClusterOptions = {}): Promise<Cluster> {
  const keyPrefix = `scaleout:${randomUUID()}:`;
  const { limits, ...redisOptions } = options;
  const nodes: ClusterNode[] = [];
  for (let i = 0; i < size; i++) {
    const redis = await redisServerOptions(url, { onError: () => {}, ...redisOptions, keyPrefix });
    const server = await startServer({ ...redis, limits: { requestsPerSecond: 10_000, ...limits } });
    nodes.push(Object.assign(server, { redis }));
  }
  const storage = await createRedisStorage({ url, keyPrefix });
  onTestFinished(() => storage.close());

  const { snapshot, untilSnapshot } = storageProbe(storage);
  return { nodes, keyPrefix, storage, snapshot, untilSnapshot };
}

/** Retries `operation` while it fails with one of `codes` (e.g. while Redis is away). */
export async function retryWhile<T>(codes: string[], operation: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    try {
      return await operation();
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (!codes.includes(code) || Date.now() - start > timeoutMs) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
