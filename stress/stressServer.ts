/**
 * One ringkit node for `npm run stress`, in its own process (run with `--expose-gc`): dev-mode
 * auth, in-memory or Redis storage. Prints `listening <port>`, then answers `stats` over IPC:
 * heap after a full GC, RSS, active handles, open file descriptors, sockets.
 */
import { readdirSync } from 'node:fs';
import { pino } from 'pino';
import { createMemoryStorage } from '../src/engine/memory/createMemoryStorage.js';
import { createRingkitServer } from '../src/server/index.js';
import { redisServerOptions } from '../src/server/redis/redisServerOptions.js';

/** What the runner asks of a node (env STRESS_SERVER, JSON). */
export interface StressServerConfig {
  /** Listen here (a node restarted in place keeps its port behind the balancer); default any free port. */
  port?: number;
  redisUrl?: string;
  keyPrefix?: string;
  retentionSeconds?: number;
  maxEndedInvitations?: number;
}

/** A node's counters (heap after a full GC). */
export interface StressServerStats {
  heapUsedMB: number;
  rssMB: number;
  handles: number;
  fds: number;
  sockets: number;
  listeners: number;
}

const config = JSON.parse(process.env.STRESS_SERVER ?? '{}') as StressServerConfig;
const shared = config.redisUrl
  ? await redisServerOptions(config.redisUrl, { keyPrefix: config.keyPrefix ?? 'stress:', ...(config.retentionSeconds !== undefined && { retentionSeconds: config.retentionSeconds }) })
  : { storage: createMemoryStorage({ ...(config.retentionSeconds !== undefined && { retentionSeconds: config.retentionSeconds }), ...(config.maxEndedInvitations !== undefined && { maxEndedInvitations: config.maxEndedInvitations }) }) };
const server = await createRingkitServer({
  port: config.port ?? 0,
  auth: { dev: true },
  logger: pino({ level: 'warn' }),
  maxDevicesPerUser: 10,
  requestsPerSecond: 1000,
  ...shared,
});
console.log(`listening ${server.port}`);

process.on('message', (message: { id: number; kind: 'stats' }) => {
  (globalThis as { gc?: () => void }).gc?.();
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;
  const listeners = [...server.io.sockets.sockets.values()].reduce((n, s) => n + s.eventNames().reduce((m, e) => m + s.listenerCount(e), 0), 0);
  const stats: StressServerStats = {
    heapUsedMB: round(process.memoryUsage().heapUsed / 2 ** 20),
    rssMB: round(process.memoryUsage().rss / 2 ** 20),
    handles,
    fds: readdirSync('/proc/self/fd').length,
    sockets: server.io.engine.clientsCount,
    listeners,
  };
  process.send!({ id: message.id, stats });
});
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));

function round(n: number) {
  return Math.round(n * 10) / 10;
}
