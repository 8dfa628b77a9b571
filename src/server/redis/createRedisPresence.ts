import type { DeadNodeSweep, RingkitStorage } from '../../engine/storage.js';
import type { RedisHandle } from './connectRedis.js';
import { BUSY_SCRIPT, DEVICE_SCRIPT, HEARTBEAT_SCRIPT, LIVE_CONNECTIONS_SCRIPT, ONLINE_SCRIPT, SWEEP_NODES_SCRIPT } from './scripts/presenceScripts.js';

/**
 * The device half of the storage contract, plus the node heartbeat.
 * @example const { offline, stillOnline } = await presence.sweepDeadNodes()
 */
export type RedisPresence = Pick<RingkitStorage, 'addDevice' | 'removeDevice' | 'deviceCount' | 'liveConnections' | 'onlineAmong' | 'setDeviceBusy' | 'isMarkedBusy'> & {
  /**
   * Users who lost devices since the last call: those whose devices were on nodes that died
   * (each reported by exactly one caller in the cluster), and those whose `removeDevice` on this
   * node failed while Redis was unreachable and has now been applied; split into those left with
   * no live device and those still online elsewhere.
   */
  sweepDeadNodes(): Promise<DeadNodeSweep>;
  /** Refreshes this node's liveness key; re-registers its devices if the key had lapsed. */
  heartbeat(): Promise<void>;
  /** Stops the heartbeat and drops this node's liveness key, so its devices vanish at once. */
  close(): Promise<void>;
};

/**
 * Options of the Redis presence.
 * @example const options: RedisPresenceOptions = { prefix: 'ringkit:', nodeID: 'n1', ttlMs: 15_000 }
 */
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
 * `sweepDeadNodes` reports the users of a dead node, so their grace periods start.
 * A device whose registration or removal failed (Redis unreachable) is removed again by the next
 * sweep, so no ghost device keeps a user "online" for the life of the node.
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

  /** userID → connectionIDs whose removal has not reached Redis yet. */
  const unremoved = new Map<string, Set<string>>();
  const markUnremoved = (userID: string, connectionID: string) => {
    let conns = unremoved.get(userID);
    if (!conns) unremoved.set(userID, (conns = new Set()));
    conns.add(connectionID);
  };
  const dropLocal = (userID: string, connectionID: string) => {
    const conns = local.get(userID);
    conns?.delete(connectionID);
    if (conns?.size === 0) local.delete(userID);
  };

  return {
    heartbeat: () => heartbeat(),
    async addDevice(userID, connectionID) {
      let conns = local.get(userID);
      if (!conns) local.set(userID, (conns = new Set()));
      conns.add(connectionID);
      try {
        return await device('add', userID, connectionID);
      } catch (err) {
        // The connection is refused; the write may still have been applied.
        dropLocal(userID, connectionID);
        markUnremoved(userID, connectionID);
        throw err;
      }
    },
    async removeDevice(userID, connectionID) {
      dropLocal(userID, connectionID);
      try {
        const count = await device('remove', userID, connectionID);
        unremoved.get(userID)?.delete(connectionID);
        return count;
      } catch (err) {
        markUnremoved(userID, connectionID);
        throw err;
      }
    },
    deviceCount: (userID) => device('count', userID),
    async liveConnections(userID) {
      return (await redis.script(LIVE_CONNECTIONS_SCRIPT, [], [prefix, userID])) as string[];
    },
    async onlineAmong(userIDs) {
      if (userIDs.length === 0) return new Set();
      const flags = (await redis.script(ONLINE_SCRIPT, [], [prefix, ...userIDs])) as number[];
      return new Set(userIDs.filter((_, i) => Number(flags[i]) === 1));
    },
    async setDeviceBusy(userID, connectionID, busy) {
      await redis.script(BUSY_SCRIPT, [], [prefix, busy ? 'set' : 'clear', userID, connectionID]);
    },
    async isMarkedBusy(userID) {
      return Number(await redis.script(BUSY_SCRIPT, [], [prefix, 'check', userID, ''])) === 1;
    },
    async sweepDeadNodes() {
      const [swept, stillOnline] = (await redis.script(SWEEP_NODES_SCRIPT, [], [prefix])) as [string[], string[]];
      const offline = new Set(swept);
      const online = new Set(stillOnline);
      for (const [userID, conns] of [...unremoved]) {
        let count = 0;
        for (const connectionID of [...conns]) {
          if (local.get(userID)?.has(connectionID)) {
            conns.delete(connectionID); // connected again under the same ID
            continue;
          }
          count = await device('remove', userID, connectionID);
          conns.delete(connectionID);
        }
        if (conns.size === 0) unremoved.delete(userID);
        if (count === 0 && !local.has(userID)) offline.add(userID);
        else online.add(userID);
      }
      return { offline: [...offline], stillOnline: [...online].filter((userID) => !offline.has(userID)) };
    },
    async close() {
      clearInterval(interval);
      local.clear();
      unremoved.clear();
      await redis.call(['DEL', `${prefix}node:${nodeID}`]).catch(() => {});
    },
  };
}
