import { randomUUID } from 'node:crypto';
import type { Invitation } from '../../protocol/types.js';
import type { DeadNodeSweep, HistoryDraft, InvitationCommit, RingkitStorage, StoredHistoryEntry, StoredPushSubscription } from '../../engine/storage.js';
import { connectRedis, type RedisConnectionOptions } from './connectRedis.js';
import { createRedisPresence } from './createRedisPresence.js';
import { COMMIT_SCRIPT, LIST_USER_SCRIPT } from './scripts/invitationScripts.js';
import { PUT_PUSH_SUBSCRIPTION_SCRIPT, REMOVE_DEVICE_PUSH_SCRIPT } from './scripts/pushSubscriptionScripts.js';
import { RATE_WINDOW_SCRIPT } from './scripts/rateWindowScript.js';
import { CLAIM_TIMERS_SCRIPT, CLEAR_TIMER_IF_SCRIPT, SET_TIMER_IF_SCRIPT } from './scripts/timerScripts.js';

/**
 * Options of the Redis storage.
 * @example const options: RedisStorageOptions = { url: 'redis://localhost:6379', retentionSeconds: 86_400 }
 */
export interface RedisStorageOptions extends RedisConnectionOptions {
  /** Prefix of every key; default `ringkit:`. Several deployments may share one Redis. */
  keyPrefix?: string;
  /** How long ended invitations, missed sets and history are kept; default 7 days. */
  retentionSeconds?: number;
  /** This process's identity for presence; default a random UUID (unique per process lifetime). */
  nodeID?: string;
  /** A dead node's devices stop counting after this long; default 15000 ms (heartbeat every 5 s). */
  presenceTtlMs?: number;
  /**
   * After each commit, wait until this many replicas hold it (`WAIT n replicaWaitMs`) before the
   * change is acknowledged and published, so a failover to a replica cannot lose it. Default 1 with
   * `sentinel`, 0 (no wait) with a URL or a client.
   */
  waitForReplicas?: number;
  /**
   * How long a commit waits for its replicas; default 500 ms. When they do not confirm in time
   * (none connected, or lagging), the change is acknowledged anyway and `onError` hears of it:
   * such a change can be lost if the primary fails before a replica gets it.
   */
  replicaWaitMs?: number;
}

/**
 * The Redis storage: the storage contract plus presence maintenance.
 * @example const storage: RedisStorage = await createRedisStorage({ nodeID: 'node-a' }); await storage.heartbeat()
 */
export interface RedisStorage extends RingkitStorage {
  readonly nodeID: string;
  /** Refreshes this node's presence now (it also runs on an unref'd interval). */
  heartbeat(): Promise<void>;
  /** Users who had devices on dead nodes (or whose removals failed), offline or still online; see the presence. */
  sweepDeadNodes(): Promise<DeadNodeSweep>;
  /** Counts a request in the one-second window every node shares. */
  takeRequestToken(key: string, perSecond: number, cost?: number): Promise<boolean>;
}

const DAY_SECONDS = 86_400;

/**
 * Storage shared by several server nodes through one Redis (standalone or Sentinel; not Cluster,
 * see docs/scaling.md). With `sentinel` every call follows the primary through a failover, and
 * each commit waits for a replica (`waitForReplicas`) so what was acknowledged survives it.
 * Every `commit` is one Lua script, so compare-and-set, indexes, history and the timer change
 * together or not at all. While Redis is unreachable calls reject at once with
 * `RingkitError('INTERNAL', 'storage unavailable: …')` and the client reconnects by itself.
 *
 * Retention (`retentionSeconds`, default 7 days):
 * - an invitation is kept while active, and for `retentionSeconds` after the commit that ended it;
 * - a user's invitation list drops entries whose invitation expired (when read, and a few per
 *   append); the list itself expires `retentionSeconds` after the last commit that left the user
 *   with no active invitation;
 * - a missed set expires `retentionSeconds` after its last addition;
 * - a history entry is dropped once a newer entry of its conversation is more than
 *   `retentionSeconds` younger (by `time`), and a conversation with no new entry for
 *   `retentionSeconds` expires whole; an entry thus lives between 1× and 2× `retentionSeconds`;
 * - request outcomes expire after their ttl; timers and active sets are kept until cleared;
 * - Web Push subscriptions are kept until removed, replaced (same device or endpoint, or beyond
 *   the per-user cap) or answered 404/410 by their push service; markers expire after their ttl.
 * @example
 * const storage = await createRedisStorage({ url: 'redis://localhost:6379' })
 * const server = await createRingkitServer({ storage })
 */
export async function createRedisStorage(options: RedisStorageOptions = {}): Promise<RedisStorage> {
  const prefix = options.keyPrefix ?? 'ringkit:';
  const retentionMs = String(Math.max(1, Math.round((options.retentionSeconds ?? 7 * DAY_SECONDS) * 1000)));
  const nodeID = options.nodeID ?? randomUUID();
  const redis = await connectRedis(options);
  const presence = createRedisPresence(redis, { prefix, nodeID, ttlMs: options.presenceTtlMs ?? 15_000 });
  await presence.heartbeat().catch(() => {});
  const timersKey = `${prefix}timers`;
  const waitForReplicas = Math.max(0, Math.floor(options.waitForReplicas ?? (options.sentinel && !options.client ? 1 : 0)));
  const replicaWait = ['WAIT', String(waitForReplicas), String(Math.max(1, Math.round(options.replicaWaitMs ?? 500)))];

  const getInvitations = async (inviteIDs: string[]) => {
    const jsons = await Promise.all(inviteIDs.map((id) => redis.call(['HGET', `${prefix}inv:${id}`, 'j'])));
    return jsons.map((json) => (typeof json === 'string' ? (JSON.parse(json) as Invitation) : undefined));
  };
  const maxScore = (before: number) => (before === 0 ? '+inf' : `(${before}`);

  return {
    nodeID,
    heartbeat: presence.heartbeat,
    async commit(change: InvitationCommit) {
      const inv = change.invitation;
      const owners = [...new Set([inv.inviter, ...inv.users.map((u) => u.userID)])];
      const list = (values: string[]) => [String(values.length), ...values];
      const history = change.history.flatMap((draft: HistoryDraft) => [draft.key, String(draft.time), JSON.stringify(draft)]);
      const args = [
        prefix,
        inv.inviteID,
        String(change.expectedVersion),
        String(inv.version),
        JSON.stringify(inv),
        inv.state === 'ended' ? '1' : '0',
        inv.groupID ?? '',
        change.nextTickAt === null ? '' : String(change.nextTickAt),
        retentionMs,
        ...list(owners),
        ...list(change.indexUsers),
        ...list(change.missedUsers),
        String(change.history.length),
        ...history,
        String(change.requestOutcomes?.length ?? 0),
        ...(change.requestOutcomes ?? []).flatMap((o) => [o.key, o.outcome, String(Math.max(1, Math.ceil(o.ttlMs)))]),
      ];
      const committed = Number(await redis.script(COMMIT_SCRIPT, [], args)) === 1;
      if (committed && waitForReplicas > 0) {
        // Fails (INTERNAL) when the primary is lost meanwhile: the engine then looks the change up
        // again and answers INTERNAL when it is gone, so the caller retries with its requestID.
        const replicas = Number(await redis.call(replicaWait));
        if (replicas < waitForReplicas) options.onError?.(new Error(`commit ${inv.inviteID} v${inv.version} confirmed by ${replicas} of ${waitForReplicas} replicas within ${replicaWait[2]} ms`));
      }
      return committed;
    },
    async getInvitation(inviteID) {
      const [inv] = await getInvitations([inviteID]);
      return inv;
    },
    getInvitations,
    async listUserInvitations(userID, count, before) {
      const flat = (await redis.script(LIST_USER_SCRIPT, [], [prefix, userID, String(count), maxScore(before)])) as string[];
      const inviteIDs: string[] = [];
      for (let i = 0; i < flat.length && inviteIDs.length < count; i += 2) inviteIDs.push(flat[i]!);
      const next = flat.length > count * 2 ? Number(flat[count * 2 - 1]) : 0;
      return { inviteIDs, next };
    },
    async activeInvitationsOfUser(userID) {
      return (await redis.call(['SMEMBERS', `${prefix}act:u:${userID}`])) as string[];
    },
    async activeInvitationsOfGroup(groupID) {
      return (await redis.call(['SMEMBERS', `${prefix}act:g:${groupID}`])) as string[];
    },
    async missedOf(userID) {
      return (await redis.call(['SMEMBERS', `${prefix}missed:${userID}`])) as string[];
    },
    async clearMissed(userID, inviteIDs) {
      if (inviteIDs.length > 0) await redis.call(['SREM', `${prefix}missed:${userID}`, ...inviteIDs]);
    },
    async getHistory(key, count, before) {
      const members = (await redis.call([
        'ZREVRANGEBYSCORE',
        `${prefix}hist:${key}`,
        maxScore(before),
        '-inf',
        'LIMIT',
        '0',
        String(count + 1),
      ])) as string[];
      const entries = members.slice(0, count).map((member): StoredHistoryEntry => {
        const seqEnd = member.indexOf('|');
        const json = member.slice(member.indexOf('|', seqEnd + 1) + 1);
        return { ...(JSON.parse(json) as HistoryDraft), seq: Number(member.slice(0, seqEnd)) };
      });
      const next = members.length > count ? entries[entries.length - 1]!.seq : 0;
      return { entries, next };
    },
    async setTimer(key, at, ifAt) {
      if (ifAt === undefined) await redis.call(['ZADD', timersKey, String(at), key]);
      else await redis.script(SET_TIMER_IF_SCRIPT, [timersKey], [key, String(at), String(ifAt)]);
    },
    async clearTimer(key, ifAt) {
      if (ifAt === undefined) await redis.call(['ZREM', timersKey, key]);
      else await redis.script(CLEAR_TIMER_IF_SCRIPT, [timersKey], [key, String(ifAt)]);
    },
    async claimDueTimers(now, leaseMs, limit) {
      return (await redis.script(CLAIM_TIMERS_SCRIPT, [timersKey], [String(now), String(now + leaseMs), String(limit)])) as string[];
    },
    async nextTimerAt() {
      const first = (await redis.call(['ZRANGE', timersKey, '0', '0', 'WITHSCORES'])) as unknown[];
      if (first.length === 0) return null;
      // RESP3 answers [[member, score]], RESP2 [member, score].
      const score = Array.isArray(first[0]) ? (first[0] as unknown[])[1] : first[1];
      return Number(score);
    },
    async putRequestOutcome(key, outcome, ttlMs) {
      const reply = await redis.call(['SET', `${prefix}req:${key}`, outcome, 'NX', 'PX', String(Math.max(1, Math.ceil(ttlMs)))]);
      return reply !== null;
    },
    async getRequestOutcome(key) {
      const reply = await redis.call(['GET', `${prefix}req:${key}`]);
      return typeof reply === 'string' ? reply : undefined;
    },
    async putPushSubscription(userID, entry, max) {
      await redis.script(PUT_PUSH_SUBSCRIPTION_SCRIPT, [`${prefix}push:${userID}`], [entry.subscription.endpoint, JSON.stringify(entry), entry.deviceID, String(max)]);
    },
    async removePushSubscriptions(userID, match) {
      const key = `${prefix}push:${userID}`;
      if ('endpoint' in match) return Number(await redis.call(['HDEL', key, match.endpoint]));
      return Number(await redis.script(REMOVE_DEVICE_PUSH_SCRIPT, [key], [match.deviceID]));
    },
    async pushSubscriptionsOf(userID) {
      const flat = (await redis.call(['HVALS', `${prefix}push:${userID}`])) as string[];
      return flat.map((json) => JSON.parse(json) as StoredPushSubscription);
    },
    async markOnce(key, ttlMs) {
      return (await redis.call(['SET', `${prefix}mark:${key}`, '1', 'NX', 'PX', String(Math.max(1, Math.ceil(ttlMs)))])) !== null;
    },
    async takeMark(key) {
      return Number(await redis.call(['DEL', `${prefix}mark:${key}`])) === 1;
    },
    addDevice: presence.addDevice,
    removeDevice: presence.removeDevice,
    deviceCount: presence.deviceCount,
    liveConnections: presence.liveConnections,
    onlineAmong: presence.onlineAmong,
    setDeviceBusy: presence.setDeviceBusy,
    isMarkedBusy: presence.isMarkedBusy,
    sweepDeadNodes: presence.sweepDeadNodes,
    async takeRequestToken(key, perSecond, cost = 1) {
      const window = Math.floor(Date.now() / 1000);
      const count = await redis.script(RATE_WINDOW_SCRIPT, [`${prefix}rate:${key}:${window}`], [String(cost)]);
      return Number(count) <= perSecond;
    },
    async close() {
      await presence.close();
      await redis.close();
    },
  };
}
