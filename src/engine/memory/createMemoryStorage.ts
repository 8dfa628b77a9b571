import type { Invitation } from '../../protocol/types.js';
import { conversationKey, type HistoryPage, type InvitationCommit, type InvitationPage, type KeptOutcome, type RequestOutcome, type RingkitStorage, type StoredHistoryEntry, type StoredPushSubscription } from '../storage.js';
import { Fifo, newestBefore } from './Fifo.js';
import { KeptMessage } from './KeptMessage.js';

/**
 * Options of the in-memory storage.
 * @example const storage = createMemoryStorage({ now: () => clock.now() })
 */
export interface MemoryStorageOptions {
  /** Clock for retention and request-outcome expiry (defaults to Date.now). */
  now?: () => number;
  /** How long an ended invitation, its list entries, missed marks and history are kept. Default 1 day. */
  retentionSeconds?: number;
  /** Most ended invitations kept at once; the oldest are forgotten first. Default 10,000 (a few KB each). */
  maxEndedInvitations?: number;
  /**
   * Most requestID outcomes kept at once (each is kept its ttl, 5 minutes, unless this many newer
   * ones arrive first; then a very late retry runs again). Default 50,000 (about 1 KB each).
   */
  maxRequestOutcomes?: number;
}

/**
 * Single-node storage kept in memory: the default, and what runs in the browser for stories.
 * Invitations are stored frozen (a caller cannot change what is stored); history is copied.
 * Memory stays bounded: active invitations are kept, ended ones for `retentionSeconds` and at
 * most `maxEndedInvitations` of them (oldest first), and with an invitation go its entries in
 * users' lists, its missed marks and its history messages; request outcomes expire after their
 * ttl, and at most `maxRequestOutcomes` are kept. Forgetting happens as commits arrive.
 * @example const server = await createRingkitServer({ storage: createMemoryStorage({ retentionSeconds: 3600 }) })
 */
export function createMemoryStorage(options: MemoryStorageOptions = {}): RingkitStorage {
  const now = options.now ?? Date.now;
  const retentionMs = (options.retentionSeconds ?? 86_400) * 1000;
  const maxEnded = options.maxEndedInvitations ?? 10_000;
  const maxOutcomes = options.maxRequestOutcomes ?? 50_000;
  /** Ended invitations, with when they ended (`since`). */
  const ended = new Map<string, number>();
  /** Their IDs, oldest first (a queue, see `Fifo`; when each ended is in `ended`). */
  const endedOrder = new Fifo<string>();
  const invitations = new Map<string, Invitation>();
  /** userID → the invitations listed for them (`listUserInvitations`), oldest first, with their seq numbers. */
  const userLists = new Map<string, UserList>();
  const userIndexed = new Map<string, Set<string>>();
  const userActive = new Map<string, Set<string>>();
  const groupActive = new Map<string, Set<string>>();
  const missed = new Map<string, Set<string>>();
  /** Conversation key → its messages, oldest first (`KeptMessage`: the key is the list's). */
  const history = new Map<string, Fifo<KeptMessage>>();
  const timers = new Map<string, number>();
  const outcomes = new Map<string, KeptOutcome>();
  /** Every outcome stored, in expiry order (a replaced one stays until it reaches the front). */
  const outcomeOrder = new Fifo<KeptOutcome>();
  /**
   * Queued outcomes replaced in `outcomes` (a key stored again after its outcome expired; rare):
   * dropping the oldest needs no lookup of its key to tell whether it is still the current one.
   */
  const replacedOutcomes = new Set<KeptOutcome>();
  /**
   * What is kept for long (outcomes, ended calls, history messages) holds its times as ms since
   * the store was made: small integers (for 12 days), which V8 keeps in the object itself, where
   * a timestamp takes a heap number of its own (50,000 outcomes and 10,000 ended calls kept).
   */
  const epoch = now();
  const since = (time: number) => time - epoch;
  const outcomeTime = () => now() - epoch;
  const devices = new Map<string, Set<string>>();
  /** userID → its connected devices the app marked busy. */
  const busyDevices = new Map<string, Set<string>>();
  /** userID → endpoint → its Web Push subscription (insertion order = least recently stored first). */
  const pushSubscriptions = new Map<string, Map<string, StoredPushSubscription>>();
  /** Markers (`markOnce`) with their expiry. */
  const marks = new Map<string, number>();
  let seq = 0;
  /**
   * The bookkeeping of commits not applied yet (lists, history, outcomes, forgetting): a commit
   * stores the invitation at once and leaves the rest for after the microtasks now running, so
   * the change's publication (the ring of an invite) is written first. Every other method, and
   * the next commit, applies it before anything else: no caller of this storage can tell.
   */
  let deferred: (() => void)[] = [];
  let settleScheduled = false;
  const settle = () => {
    settleScheduled = false;
    if (deferred.length === 0) return;
    const work = deferred;
    deferred = [];
    for (const apply of work) apply();
  };
  const defer = (apply: () => void) => {
    deferred.push(apply);
    if (settleScheduled) return;
    settleScheduled = true;
    afterMicrotasks(settle);
  };

  const setOf = (map: Map<string, Set<string>>, key: string) => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    return set;
  };
  /** A history message as read: the caller's own copy. */
  const expand = (key: string, m: KeptMessage): StoredHistoryEntry => ({ sender: m.sender, time: m.time + epoch, signaling: m.signaling(), key, seq: m.seq });
  /**
   * Invitations are stored frozen and shared: users are replaced, never edited, so only new
   * objects need freezing. The committed object itself is frozen, not a copy (a commit hands it
   * over, see `InvitationCommit`): a frozen copy of each version got a map (hidden class) of its
   * own from V8 once a few hundred had been made, 10,000 ended calls kept 10,000 maps, and the
   * committing request's stored outcome now shares the stored version instead of keeping another.
   */
  const freeze = (inv: Invitation): Invitation => {
    if (Object.isFrozen(inv)) return inv;
    for (const user of inv.users) Object.freeze(user);
    Object.freeze(inv.users);
    if (inv.offlinePushInfo) Object.freeze(inv.offlinePushInfo);
    return Object.freeze(inv);
  };

  const removeFrom = (map: Map<string, Set<string>>, key: string, value: string) => {
    const set = map.get(key);
    if (set?.delete(value) && set.size === 0) map.delete(key);
  };

  function updateActive(inv: Invitation) {
    const active = inv.state === 'active';
    const mark = (userID: string) => (active ? setOf(userActive, userID).add(inv.inviteID) : removeFrom(userActive, userID, inv.inviteID));
    mark(inv.inviter);
    for (const user of inv.users) mark(user.userID);
    if (inv.groupID) {
      if (inv.state === 'active') setOf(groupActive, inv.groupID).add(inv.inviteID);
      else removeFrom(groupActive, inv.groupID, inv.inviteID);
    }
  }

  /**
   * Drops the leading entries of a user's list whose invitation is forgotten (a moving head, not a
   * splice: forgetting the oldest call no longer moves the rest of the list); deletes it once empty.
   */
  function trimList(userID: string) {
    const list = userLists.get(userID);
    if (!list) return;
    let n = 0;
    while (n < list.ids.size && !invitations.has(list.ids.at(n)!)) n++;
    if (n === list.ids.size) userLists.delete(userID);
    else if (n > 0) list.seqs.drop(n), list.ids.drop(n);
  }

  /** Drops the leading messages of a conversation whose invitation is forgotten; deletes it once empty. */
  function trimHistory(key: string) {
    const list = history.get(key);
    if (!list) return;
    let n = 0;
    while (n < list.size && !invitations.has(list.at(n)!.inviteID)) n++;
    if (n === list.size) history.delete(key);
    else if (n > 0) list.drop(n);
  }

  /** Forgets one ended invitation and everything kept for it. */
  function forget(inviteID: string) {
    const inv = invitations.get(inviteID);
    ended.delete(inviteID);
    invitations.delete(inviteID);
    if (!inv) return;
    const forgetFor = (userID: string) => {
      removeFrom(userIndexed, userID, inviteID);
      removeFrom(missed, userID, inviteID);
      trimList(userID);
    };
    forgetFor(inv.inviter);
    for (const user of inv.users) if (user.userID !== inv.inviter) forgetFor(user.userID);
    // The conversations it wrote to (historyMessages): its group's, or the inviter's with each user
    // (every invitee and sender of its messages is a user), rather than a list kept per call.
    if (inv.groupID) trimHistory(`group:${inv.groupID}`);
    else for (const user of inv.users) if (user.userID !== inv.inviter) trimHistory(conversationKey({ type: 'c2c', userID: user.userID }, inv.inviter));
  }

  /** Forgets ended invitations past their retention or beyond the count, and expired request outcomes. */
  function prune() {
    const at = now();
    const cutoff = at - retentionMs;
    for (let oldest = endedOrder.peek(); oldest !== undefined; oldest = endedOrder.peek()) {
      if (ended.size <= maxEnded && (ended.get(oldest) ?? -Infinity) > since(cutoff)) break;
      endedOrder.shift();
      forget(oldest);
    }
    dropOutcomes(outcomeTime());
  }

  /** Drops outcomes from the oldest while they have expired or there are more than `maxOutcomes`. */
  function dropOutcomes(at: number) {
    for (let oldest = outcomeOrder.peek(); oldest; oldest = outcomeOrder.peek()) {
      // Not the current one of its key (replaced after it expired): only leaves the queue.
      if (replacedOutcomes.size > 0 && replacedOutcomes.delete(oldest)) {
        outcomeOrder.shift();
        continue;
      }
      if (outcomes.size <= maxOutcomes && oldest.expires > at) break;
      outcomeOrder.shift();
      outcomes.delete(oldest.key);
    }
  }

  /**
   * Stores a request's first outcome (synchronously, so a commit can include it). A commit's
   * `RequestOutcome` is kept in the form it gives (`keep`), encoded only when a retry asks for it.
   */
  function putOutcome(key: string, outcome: string | RequestOutcome, ttlMs: number): boolean {
    const at = outcomeTime();
    const existing = outcomes.get(key);
    if (existing && existing.expires > at) return false;
    if (existing) replacedOutcomes.add(existing);
    const expires = at + ttlMs;
    const entry: KeptOutcome = typeof outcome === 'string' ? new KeptString(key, outcome, expires) : (outcome.keep?.(expires) ?? new KeptString(key, outcome.outcome, expires));
    outcomes.set(key, entry);
    outcomeOrder.push(entry); // at the end: the queue stays in expiry order for prune()
    dropOutcomes(at);
    return true;
  }

  const storage: RingkitStorage = {
    async commit(change: InvitationCommit) {
      settle();
      const { invitation } = change;
      const current = invitations.get(invitation.inviteID);
      if ((current?.version ?? 0) !== change.expectedVersion) return false;
      invitations.set(invitation.inviteID, freeze(invitation));
      defer(() => {
        if (invitation.state === 'ended' && !ended.has(invitation.inviteID)) {
          ended.set(invitation.inviteID, since(now()));
          endedOrder.push(invitation.inviteID);
        }
        for (const userID of change.indexUsers) {
          const indexed = setOf(userIndexed, userID);
          if (indexed.has(invitation.inviteID)) continue;
          indexed.add(invitation.inviteID);
          let list = userLists.get(userID);
          if (!list) userLists.set(userID, (list = { seqs: new Fifo(), ids: new Fifo() }));
          list.seqs.push(++seq);
          list.ids.push(invitation.inviteID);
        }
        // Users are only ever added: with the same state and as many users, the active sets already hold them.
        if (!current || current.state !== invitation.state || current.users.length !== invitation.users.length) updateActive(invitation);
        for (const userID of change.missedUsers) setOf(missed, userID).add(invitation.inviteID);
        for (const draft of change.history) {
          let list = history.get(draft.key);
          if (!list) history.set(draft.key, (list = new Fifo()));
          list.push(new KeptMessage(++seq, draft, since(draft.time)));
        }
        const timerKey = `tick:${invitation.inviteID}`;
        if (change.nextTickAt === null) timers.delete(timerKey);
        else timers.set(timerKey, change.nextTickAt);
        for (const o of change.requestOutcomes ?? []) putOutcome(o.key, o, o.ttlMs);
        prune();
      });
      return true;
    },
    async getInvitation(inviteID) {
      const inv = invitations.get(inviteID);
      return inv;
    },
    async getInvitations(inviteIDs) {
      return inviteIDs.map((id) => invitations.get(id));
    },
    async listUserInvitations(userID, count, before): Promise<InvitationPage> {
      const list = userLists.get(userID);
      if (!list) return { inviteIDs: [], next: 0 };
      const [from, end] = newestBefore(list.seqs, (s) => s, before, count);
      const inviteIDs = list.ids.slice(from, end).reverse();
      const next = end - from > count ? list.seqs.at(end - count)! : 0;
      return { inviteIDs: inviteIDs.slice(0, count), next };
    },
    async activeInvitationsOfUser(userID) {
      return [...(userActive.get(userID) ?? [])];
    },
    async activeInvitationsOfGroup(groupID) {
      return [...(groupActive.get(groupID) ?? [])];
    },
    async missedOf(userID) {
      return [...(missed.get(userID) ?? [])];
    },
    async clearMissed(userID, inviteIDs) {
      for (const id of inviteIDs) removeFrom(missed, userID, id);
    },
    async getHistory(key, count, before): Promise<HistoryPage> {
      const list = history.get(key);
      if (!list) return { entries: [], next: 0 };
      const [from, end] = newestBefore(list, (m) => m.seq, before, count);
      const entries = list.slice(Math.max(from, end - count), end).reverse().map((m) => expand(key, m));
      const next = end - from > count ? entries[count - 1]!.seq : 0;
      return { entries, next };
    },
    async setTimer(key, at, ifAt) {
      if (ifAt === undefined || timers.get(key) === ifAt) timers.set(key, at);
    },
    async clearTimer(key, ifAt) {
      if (ifAt === undefined || timers.get(key) === ifAt) timers.delete(key);
    },
    async claimDueTimers(at, leaseMs, limit) {
      const due = [...timers].filter(([, t]) => t <= at).sort((a, b) => a[1] - b[1]).slice(0, limit);
      for (const [key] of due) timers.set(key, at + leaseMs);
      return due.map(([key]) => key);
    },
    async nextTimerAt() {
      let min: number | null = null;
      for (const t of timers.values()) if (min === null || t < min) min = t;
      return min;
    },
    putRequestOutcome: async (key, outcome, ttlMs) => putOutcome(key, outcome, ttlMs),
    async getRequestOutcome(key) {
      const existing = outcomes.get(key);
      if (!existing || existing.expires <= outcomeTime()) return undefined;
      return existing.outcome;
    },
    async addDevice(userID, connectionID) {
      const set = setOf(devices, userID);
      set.add(connectionID);
      return set.size;
    },
    async removeDevice(userID, connectionID) {
      removeFrom(busyDevices, userID, connectionID);
      const set = devices.get(userID);
      set?.delete(connectionID);
      if (set && set.size === 0) devices.delete(userID);
      return set?.size ?? 0;
    },
    async deviceCount(userID) {
      return devices.get(userID)?.size ?? 0;
    },
    async liveConnections(userID) {
      return [...(devices.get(userID) ?? [])];
    },
    async onlineAmong(userIDs) {
      return new Set(userIDs.filter((id) => (devices.get(id)?.size ?? 0) > 0));
    },
    async setDeviceBusy(userID, connectionID, busy) {
      if (!busy) removeFrom(busyDevices, userID, connectionID);
      else if (devices.get(userID)?.has(connectionID)) setOf(busyDevices, userID).add(connectionID);
    },
    async isMarkedBusy(userID) {
      return (busyDevices.get(userID)?.size ?? 0) > 0;
    },
    async putPushSubscription(userID, entry, max) {
      const subs = pushSubscriptions.get(userID) ?? new Map<string, StoredPushSubscription>();
      for (const [endpoint, stored] of subs) if (stored.deviceID === entry.deviceID) subs.delete(endpoint);
      subs.delete(entry.subscription.endpoint);
      subs.set(entry.subscription.endpoint, structuredClone(entry));
      for (const endpoint of subs.keys()) {
        if (subs.size <= max) break;
        subs.delete(endpoint);
      }
      pushSubscriptions.set(userID, subs);
    },
    async removePushSubscriptions(userID, match) {
      const subs = pushSubscriptions.get(userID);
      if (!subs) return 0;
      let removed = 0;
      for (const [endpoint, stored] of subs) {
        if ('endpoint' in match ? endpoint === match.endpoint : stored.deviceID === match.deviceID) subs.delete(endpoint), removed++;
      }
      if (subs.size === 0) pushSubscriptions.delete(userID);
      return removed;
    },
    async pushSubscriptionsOf(userID) {
      return [...(pushSubscriptions.get(userID)?.values() ?? [])].map((entry) => structuredClone(entry));
    },
    async markOnce(key, ttlMs) {
      const at = now();
      const expires = marks.get(key);
      if (expires !== undefined && expires > at) return false;
      if (marks.size >= 10_000) for (const [k, e] of marks) if (e <= at) marks.delete(k);
      marks.set(key, at + ttlMs);
      return true;
    },
    async takeMark(key) {
      const expires = marks.get(key);
      marks.delete(key);
      return expires !== undefined && expires > now();
    },
    async close() {},
  };
  // Every method but commit (which does it itself) first applies the deferred bookkeeping.
  const methods = storage as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of Object.keys(methods)) {
    if (name === 'commit') continue;
    const method = methods[name]!;
    // A fixed arity (no method takes more than four arguments), so no call allocates an arguments array.
    methods[name] = (a?: unknown, b?: unknown, c?: unknown, d?: unknown) => {
      settle();
      return method(a, b, c, d);
    };
  }
  return storage;
}

/**
 * Runs `fn` once the microtasks now queued have run, and those they queue (Node's `nextTick`
 * from inside a microtask; `queueMicrotask` where there is no `process`, e.g. in a browser).
 */
const afterMicrotasks: (fn: () => void) => void =
  typeof process !== 'undefined' && typeof process.nextTick === 'function' ? (fn) => process.nextTick(fn) : (fn) => queueMicrotask(fn);

/** A request outcome stored as its string (`putRequestOutcome`). */
class KeptString implements KeptOutcome {
  constructor(
    readonly key: string,
    readonly outcome: string,
    readonly expires: number,
  ) {}
}

/** A user's invitation list: two queues (seq numbers and inviteIDs, oldest first), no object per entry. */
interface UserList {
  seqs: Fifo<number>;
  ids: Fifo<string>;
}
