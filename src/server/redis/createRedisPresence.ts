import type { RingkitStorage } from '../../engine/storage.js';
import type { RedisHandle } from './connectRedis.js';
import { DEVICE_SCRIPT, HEARTBEAT_SCRIPT, ONLINE_SCRIPT } from './redisScripts.js';

/** The device half of the storage contract, plus the node heartbeat. */
export type RedisPresence = Pick<RingkitStorage, 'addDevice' | 'removeDevice' | 'deviceCount' | 'onlineAmong'> & {
  /** Refreshes this node's liveness key; re-registers its devices if the key had lapsed. */
  heartbeat(): Promise<void>;
  /** Stops the heartbeat and drops this node's liveness key, so its devices vanish at once. */
  close(): Promise<void>;
};

/** Options of the Redis presence. */
export interface RedisPresenceOptions {
  prefix: string;
  nodeID: string;
  /** Lifetime of the node liveness key; the heartbeat runs every third of it. */
  ttlMs: number;
}

/**
 * Cluster-wide device registry. Each device is stored as `dev:<userID>` → connectionID → nodeID,
 * and counts only while its node's liveness key `node:<nodeID>` exists. The node refreshes that key
 * every `ttlMs / 3` (an unref'd interval), so the devices of a node that died without cleaning up
 * stop counting at most `ttlMs` later; readers then delete them lazily. A node that was cut off
 * longer than `ttlMs` re-registers its own devices at its next heartbeat or `addDevice`.
 * @example
 * const presence = createRedisPresence(redis, { prefix: 'ringkit:', nodeID: 'n1', ttlMs: 15_000 })
 * await presence.addDevice('bob', 'socket-1') // 1
 */
export function createRedisPresence(redis: RedisHandle, options: RedisPresenceOptions): RedisPresence {
  const { prefix, nodeID } = options;
  const ttl = String(options.ttlMs);
  const local = new Map<string, Set<string>>();
  const localPairs = () => [...local].flatMap(([userID, conns]) => [...conns].flatMap((conn) => [userID, conn]));

  const heartbeat = async (force = false) => {
    await redis.script(HEARTBEAT_SCRIPT, [], [prefix, nodeID, ttl, force ? '1' : '0', ...localPairs()]);
  };
  const device = async (op: 'add' | 'remove' | 'count', userID: string, connectionID = '') => {
    const [count, lapsed] = (await redis.script(DEVICE_SCRIPT, [], [prefix, op, userID, connectionID, nodeID, ttl])) as [number, number];
    if (Number(lapsed) !== 1) return Number(count);
    await heartbeat(true);
    const [recounted] = (await redis.script(DEVICE_SCRIPT, [], [prefix, 'count', userID, '', nodeID, ttl])) as [number];
    return Number(recounted);
  };

  const interval = setInterval(() => heartbeat().catch(() => {}), Math.max(1, Math.floor(options.ttlMs / 3)));
  interval.unref();

  return {
    heartbeat: () => heartbeat(),
    async addDevice(userID, connectionID) {
      let conns = local.get(userID);
      if (!conns) local.set(userID, (conns = new Set()));
      conns.add(connectionID);
      return device('add', userID, connectionID);
    },
    async removeDevice(userID, connectionID) {
      const conns = local.get(userID);
      conns?.delete(connectionID);
      if (conns?.size === 0) local.delete(userID);
      return device('remove', userID, connectionID);
    },
    deviceCount: (userID) => device('count', userID),
    async onlineAmong(userIDs) {
      if (userIDs.length === 0) return new Set();
      const flags = (await redis.script(ONLINE_SCRIPT, [], [prefix, ...userIDs])) as number[];
      return new Set(userIDs.filter((_, i) => Number(flags[i]) === 1));
    },
    async close() {
      clearInterval(interval);
      local.clear();
      await redis.call(['DEL', `${prefix}node:${nodeID}`]).catch(() => {});
    },
  };
}
