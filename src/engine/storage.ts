/**
 * The storage contract every backend implements (in-memory, Redis). All methods are async so a
 * networked store fits; `commit` is the single atomic write of an invitation change.
 * @module
 */
import type { PushSubscriptionData } from '../protocol/push.js';
import type { Invitation, SignalingInfo } from '../protocol/types.js';

/**
 * A history message before storage numbers it.
 * @example const draft: HistoryDraft = { key: 'c2c:alice|bob', sender: 'alice', time: Date.now(), signaling }
 */
export interface HistoryDraft {
  /** `c2c:<a>|<b>` (sorted pair) or `group:<groupID>`; see `conversationKey`. */
  key: string;
  sender: string;
  time: number;
  signaling: SignalingInfo;
}

/**
 * A history message as stored: `seq` grows across the whole store.
 * @example const { entries } = await storage.getHistory('c2c:alice|bob', 20, 0)
 */
export interface StoredHistoryEntry extends HistoryDraft {
  seq: number;
}

/**
 * One atomic change of an invitation. Storage applies it only when the stored version equals
 * `expectedVersion` (0: the invitation must not exist yet), and then, in the same step:
 * - stores `invitation`;
 * - appends `inviteID` to the invitation list of each of `indexUsers` not already holding it
 *   (newest first for `listUserInvitations`);
 * - keeps the active indexes: while `invitation.state` is `active` the inviteID is in the active
 *   set of the inviter, of every user in `invitation.users` and of its group; once `ended` it is
 *   in none of them;
 * - adds the inviteID to the missed set of each of `missedUsers`;
 * - appends `history`;
 * - sets the timer `tick:<inviteID>` to `nextTickAt`, or clears it when null;
 * - stores each of `requestOutcomes` (one per request a group commit answers), like
 *   `putRequestOutcome` (an existing one is kept).
 * @example const won = await storage.commit({ invitation, expectedVersion: 3, indexUsers: [], missedUsers: [], history: [], nextTickAt: null })
 */
export interface InvitationCommit {
  /** Handed over: a store may keep this object itself (the in-memory one freezes it), so nothing may change it after the commit. */
  invitation: Invitation;
  expectedVersion: number;
  indexUsers: string[];
  missedUsers: string[];
  history: HistoryDraft[];
  nextTickAt: number | null;
  /** The outcomes of the requests that made this change, stored in the same atomic step. */
  requestOutcomes?: RequestOutcome[];
}

/**
 * A request's outcome as storage keeps it (see `requestOutcomes.ts`).
 * @example const outcome: RequestOutcome = { key: 'alice\u0000r1', outcome: '{"ok":true,"result":{}}', ttlMs: 300_000 }
 */
export interface RequestOutcome {
  key: string;
  outcome: string;
  ttlMs: number;
  /**
   * For a store that keeps outcomes as objects (the in-memory one) rather than `outcome`, the
   * encoded string: the form to keep, expiring at `expires` (in the store's own time scale), whose
   * `outcome` is encoded only when read. Optional: a plain `RequestOutcome` is kept as its string.
   */
  keep?(expires: number): KeptOutcome;
}

/**
 * A request outcome as an in-memory store keeps it (see `RequestOutcome.keep`).
 * @example if (kept.expires > now) return kept.outcome
 */
export interface KeptOutcome {
  readonly key: string;
  /** When it expires, in the store's time scale. */
  readonly expires: number;
  /** The encoded outcome (`RequestOutcome.outcome`). */
  readonly outcome: string;
}

/**
 * A page of a user's invitations, newest first.
 * @example const { inviteIDs, next } = await storage.listUserInvitations('bob', 20, 0)
 */
export interface InvitationPage {
  inviteIDs: string[];
  /** Pass as `before` for the next page; 0 when there is nothing more. */
  next: number;
}

/**
 * A page of history, newest first.
 * @example const { entries, next } = await storage.getHistory(key, 20, 0)
 */
export interface HistoryPage {
  entries: StoredHistoryEntry[];
  /** Pass as `before` for the next page; 0 when there is nothing more. */
  next: number;
}

/**
 * A device's Web Push subscription as storage keeps it: one per endpoint (a browser profile),
 * owned by the device that stored it last.
 * @example const stored: StoredPushSubscription = { deviceID: 'laptop', subscription, updatedAt: Date.now() }
 */
export interface StoredPushSubscription {
  deviceID: string;
  subscription: PushSubscriptionData;
  updatedAt: number;
}

/**
 * Users who had devices on nodes that died (see `RingkitStorage.sweepDeadNodes`).
 * @example const { offline, stillOnline }: DeadNodeSweep = await storage.sweepDeadNodes()
 */
export interface DeadNodeSweep {
  /** No live device left. */
  offline: string[];
  /** Online on other nodes. */
  stillOnline: string[];
}

/**
 * Everything the engine keeps. Implementations: `createMemoryStorage()` and the Redis one.
 * Run `test/engine/storageContract.ts` against a new implementation.
 * @example const engine = createEngine({ storage: createMemoryStorage(), groups })
 */
export interface RingkitStorage {
  /** Applies a commit atomically; false (and nothing changed) when the version did not match. */
  commit(change: InvitationCommit): Promise<boolean>;
  getInvitation(inviteID: string): Promise<Invitation | undefined>;
  getInvitations(inviteIDs: string[]): Promise<(Invitation | undefined)[]>;
  /** Invitations the user is or was part of, newest first; `before` 0 = from the newest. */
  listUserInvitations(userID: string, count: number, before: number): Promise<InvitationPage>;
  /** Active invitations in which the user is the inviter or listed in `users`. */
  activeInvitationsOfUser(userID: string): Promise<string[]>;
  /** Active invitations made in the group. */
  activeInvitationsOfGroup(groupID: string): Promise<string[]>;
  /** The user's missed invitations not yet acknowledged by a device. */
  missedOf(userID: string): Promise<string[]>;
  /** Forgets missed invitations a device has shown. */
  clearMissed(userID: string, inviteIDs: string[]): Promise<void>;
  /** History of one conversation key, newest first; `before` 0 = from the newest. */
  getHistory(key: string, count: number, before: number): Promise<HistoryPage>;

  /**
   * Sets (or moves) a named timer. With `ifAt`, only while the timer is still due at `ifAt`
   * (the lease a claim gave it), so a newer `setTimer` from elsewhere is not overwritten.
   */
  setTimer(key: string, at: number, ifAt?: number): Promise<void>;
  /** Clears a named timer; with `ifAt`, only while it is still due at `ifAt`. */
  clearTimer(key: string, ifAt?: number): Promise<void>;
  /**
   * Claims up to `limit` timers due at `now`: each claimed timer is moved to `now + leaseMs`
   * (so a node that dies mid-work does not lose it) and its key returned. Two callers never
   * claim the same due timer.
   */
  claimDueTimers(now: number, leaseMs: number, limit: number): Promise<string[]>;
  /** The earliest timer time, or null. */
  nextTimerAt(): Promise<number | null>;

  /** Stores the first outcome of a request; false when one is already stored (kept as is). */
  putRequestOutcome(key: string, outcome: string, ttlMs: number): Promise<boolean>;
  getRequestOutcome(key: string): Promise<string | undefined>;

  /** Registers a connected device; returns the user's device count after it. */
  addDevice(userID: string, connectionID: string): Promise<number>;
  /** Unregisters a device; returns the user's device count after it. */
  removeDevice(userID: string, connectionID: string): Promise<number>;
  deviceCount(userID: string): Promise<number>;
  /** The keys (as given to `addDevice`) of the user's connected devices. */
  liveConnections(userID: string): Promise<string[]>;
  /** The subset of `userIDs` with at least one connected device. */
  onlineAmong(userIDs: string[]): Promise<Set<string>>;
  /**
   * Marks a connected device busy (or free), as the app set it: part of the device's presence,
   * so it goes with the device. A device that is not registered is not marked.
   */
  setDeviceBusy(userID: string, connectionID: string, busy: boolean): Promise<void>;
  /** Whether any connected device of the user is marked busy. */
  isMarkedBusy(userID: string): Promise<boolean>;

  /**
   * Web Push (optional; a server with `webPush` needs it): stores a device's subscription for the
   * user, replacing the one this device stored before and any other with the same endpoint; keeps
   * at most `max` per user, forgetting the least recently stored. Kept while the device is away.
   */
  putPushSubscription?(userID: string, entry: StoredPushSubscription, max: number): Promise<void>;
  /** Forgets the user's subscriptions stored by `deviceID`, or the one with `endpoint`; returns how many went. */
  removePushSubscriptions?(userID: string, match: { deviceID: string } | { endpoint: string }): Promise<number>;
  /** The user's stored subscriptions. */
  pushSubscriptionsOf?(userID: string): Promise<StoredPushSubscription[]>;
  /**
   * Sets a marker for `ttlMs` unless it is set; true when this call set it. Atomic across nodes
   * (used for "rang this user's browsers" and single-use tokens).
   */
  markOnce?(key: string, ttlMs: number): Promise<boolean>;
  /** Removes a marker; true when it was set (and had not expired). Atomic across nodes: one caller gets true. */
  takeMark?(key: string): Promise<boolean>;

  /**
   * Multi-node stores: the users who had devices on nodes that died since the last call, each
   * reported to one caller in the cluster: `offline` have no live device left (the engine starts
   * their grace period), `stillOnline` have devices on other nodes (the engine checks the calls
   * their vanished devices held). Called every few seconds by every node.
   */
  sweepDeadNodes?(): Promise<DeadNodeSweep>;

  /**
   * Multi-node stores: counts a request of `key` (as `cost` requests, default 1) in the current
   * one-second window shared by every node; false once more than `perSecond` were counted.
   * Without it each node limits alone.
   */
  takeRequestToken?(key: string, perSecond: number, cost?: number): Promise<boolean>;

  /** Releases connections and timers. */
  close(): Promise<void>;
}

/**
 * The history key of a conversation.
 * @example conversationKey({ type: 'c2c', userID: 'bob' }, 'alice') // 'c2c:alice|bob'
 */
export function conversationKey(
  conversation: { type: 'c2c'; userID: string } | { type: 'group'; groupID: string },
  self: string,
): string {
  if (conversation.type === 'group') return `group:${conversation.groupID}`;
  // The two IDs in the order `[x, y].sort()` gives (UTF-16 code units), without sorting an array
  // (which allocates its work space: about 1 KB per 1v1 cycle, measured).
  const other = conversation.userID;
  return self < other ? `c2c:${self}|${other}` : `c2c:${other}|${self}`;
}
