import { RingkitError } from '../protocol/errors.js';
import { isPending, type CallUser, type Invitation } from '../protocol/types.js';
import type { Clock } from './clock.js';
import { adaptiveWindow, createFanout, type Deliver, type DeliverToGroup, type FanoutChange } from './createFanout.js';
import { Draft } from './Draft.js';
import { DraftCommit } from './DraftCommit.js';
import type { EngineLogger } from './EngineLogger.js';
import { fail } from './fail.js';
import type { GroupDirectory } from './groups.js';
import { audienceOf, canSee, isUndelivered, ungroupedAudience } from './recipients.js';
import { outcomeForCommit, type RequestOutcomeSlot } from './requestOutcomes.js';
import type { StopRingingReason } from './push.js';
import type { RequestOutcome, RingkitStorage } from './storage.js';
import { SMALL_AUDIENCE } from './smallAudience.js';
import { stoppedRinging } from './stoppedRinging.js';
import { nextTickAt } from './timing.js';

/**
 * Sends a committed change to its recipients; run once the caller has been answered, or before
 * that when `beforeAnswer` is set: the publication skips the caller's connection (its answer
 * carries the whole invitation), so nothing orders the two, and the other side of a call hears it
 * one socket write sooner.
 */
export type Publish = (() => Promise<void>) & { beforeAnswer?: boolean };

/**
 * What one operation changed, for its caller's acknowledgement: the invitation's fields as the
 * operation left them with only the users it changed, as a delta against `baseVersion` (what
 * a client applies with `mergeUpdate`), so an answer in a class of 1,000 does not carry 1,000 users.
 * Without `baseVersion` it is the whole invitation as committed: the last change of a commit to a
 * small invitation answers so (see `mutate`'s `by`).
 * @example const update: WireUpdate = { invitation: delta.invitation, baseVersion: delta.baseVersion, serverTime }
 */
export interface MutationDelta {
  invitation: Invitation;
  baseVersion?: number;
}

/** Whether the operation behind a delta changed anything. */
const changedAnything = (delta: MutationDelta) => delta.baseVersion === undefined || delta.baseVersion < delta.invitation.version;

/**
 * What a change of an existing invitation gives back: the invitation after it (unchanged when
 * nothing changed), the value the change returned, the caller's delta, and the publication
 * when something changed.
 * @example const { delta, publish } = await tx.mutate(inviteID, 'bob', (d) => answer(d, bob, 'accepted', ''))
 */
export interface Mutation<T> {
  invitation: Invitation;
  value: T;
  delta: MutationDelta;
  publish?: Publish;
}

/**
 * A request outcome to store with a change: the request's slot and how its result follows from
 * the change's delta and value (the same function the handler answers with).
 * @example tx.mutate(inviteID, userID, apply, { slot, result: (delta) => ({ invitation: delta.invitation, baseVersion: delta.baseVersion }) })
 */
export interface OutcomeOf<T> {
  slot: RequestOutcomeSlot;
  result: (delta: MutationDelta, value: T) => unknown;
}

/**
 * The invitation transactions: every write of an invitation goes through `create` or `mutate`
 * (one invitation at a time per node, an atomic compare-and-set commit in storage, publication
 * after the commit).
 * @example const tx: InvitationTransactions = createInvitationTransactions({ storage, groups, clock, deliver, ... })
 */
export interface InvitationTransactions {
  /**
   * Applies `change` to the newest stored version of an invitation, retrying when another node
   * committed first. `viewer` must be able to see the invitation (else INVITATION_NOT_FOUND);
   * null for the engine's own changes (timers). Changes to one invitation that arrive while
   * another is being committed are applied together, in order, in one commit (group commit);
   * each keeps its own version and fails alone. With `outcome`, the request's outcome is stored
   * in the same atomic commit as the change.
   *
   * `by` is the connection whose request this is, when its answer carries the invitation: if this
   * change is the last one of its commit and the invitation is small (not wide), the delta is the
   * whole invitation, so that device holds the committed version from its answer alone and the
   * publication skips it (one write less per change; a 1v1 cycle is two changes).
   */
  mutate<T>(inviteID: string, viewer: string | null, change: (draft: Draft) => T | Promise<T>, outcome?: OutcomeOf<T>, by?: string): Promise<Mutation<T>>;
  /**
   * Stores a new invitation from a version-0 draft (with the request's `result` when `slot` is
   * given); returns its publication. `by`: the connection whose answer carries the whole new
   * invitation, skipped by the publication when the invitation is small (as for `mutate`).
   */
  create(draft: Draft, outcome?: { slot: RequestOutcomeSlot; result: unknown }, by?: string): Promise<Publish>;
  /** Runs publications in order, logging (not throwing) failures. */
  publishAll(publications: readonly Publish[]): Promise<void>;
  /** Sends what is still coalescing (on shutdown). */
  flush(): void;
}

interface QueuedChange {
  viewer: string | null;
  by: string | undefined;
  change: (draft: Draft) => unknown;
  outcome: OutcomeOf<unknown> | undefined;
  resolve(mutation: Mutation<unknown>): void;
  reject(error: unknown): void;
}

type StepOutcome = { ok: true; value: unknown; delta: MutationDelta; outcome: OutcomeOf<unknown> | undefined } | { ok: false; error: unknown };

/** A group invitation, or one with more than SMALL_AUDIENCE users: its commits wait one event-loop turn to gather a burst (a 1v1 call never waits). */
const isWide = (inv: Invitation) => inv.groupID !== undefined || inv.users.length > SMALL_AUDIENCE;

/** Resolves after the I/O already read in this turn of the event loop has been handled. */
const nextTurn = () => new Promise<void>((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/** Most attempts of one group commit before giving up with INTERNAL (other nodes keep winning). */
const MAX_ATTEMPTS = 20;

/**
 * Most changes applied in one group commit. A batch runs in one event-loop turn: 223 receipts of a
 * class of 1,000 in one commit held the loop 35 ms, and an unrelated call waited behind it; the
 * rest of a burst goes in the next commits, a turn later each.
 */
const MAX_GROUP_COMMIT = 100;

/**
 * Most answers of one group commit of a wide invitation handed back in one event-loop turn. Each
 * answer's continuation writes its caller's acknowledgement (a socket write, 30–80 µs on a loaded
 * 2-core machine): the 100 answers of one commit held the loop 5–14 ms, and an unrelated call's
 * request, read meanwhile, waited for all of them. The rest go in the next turns, in order, and
 * the commit's publication waits for the last of them (an answer still comes before the update
 * that carries its change).
 */
const ANSWERS_PER_TURN = 16;

/**
 * Builds the invitation transactions over a storage and a delivery function.
 * @example
 * const tx = createInvitationTransactions({ storage, groups, clock: systemClock, deliver, coalesceWindowMs: 50, notReceivedMs: 5000, logger })
 * const publish = await tx.create(draft)
 */
export function createInvitationTransactions(options: {
  storage: RingkitStorage;
  groups: GroupDirectory;
  clock: Clock;
  deliver: Deliver;
  deliverToGroup?: DeliverToGroup | undefined;
  /** The longest coalescing window (ms); the window of a change grows with its audience up to it. */
  coalesceWindowMs: number;
  notReceivedMs: number;
  logger: EngineLogger;
  /** Called after a commit that ended ringing for some users (Web Push closes their notifications). */
  onStopRinging?: ((invitation: Invitation, userIDs: string[], reason: StopRingingReason) => Promise<void>) | undefined;
}): InvitationTransactions {
  const { storage, groups, clock, notReceivedMs, logger } = options;
  const fanout = createFanout(clock, adaptiveWindow(options.coalesceWindowMs), options.deliver, options.deliverToGroup, options.coalesceWindowMs);
  const viaGroup = options.deliverToGroup !== undefined;
  const queues = new Map<string, QueuedChange[]>();
  /** A publication's failure, logged (one handler, not a closure per publication). */
  const logPublishFailure = (err: unknown) => logger.error({ err }, 'publish failed');

  /**
   * Users for whom this change is a call they missed: it ended for them while all their devices
   * were away. Without candidates (an invite, an answer) it is known at once, with no storage read.
   */
  function missedUsers(draft: Draft): string[] | Promise<string[]> {
    const inv = draft.invitation;
    if (inv.onlineUserOnly) return [];
    // Only changed users can have become cancelled or timed out; an ending leaves everyone pending missed.
    const ids = inv.state === 'ended' ? inv.users.map((u) => u.userID) : [...draft.changed];
    const candidates = ids.filter((id) => {
      if (!draft.wasPending(id)) return false;
      const state = draft.user(id)!.state;
      return state === 'cancelled' || state === 'timeout' || (inv.state === 'ended' && isPending(state));
    });
    if (candidates.length === 0) return [];
    return storage.onlineAmong(candidates).then((online) => candidates.filter((id) => !online.has(id)));
  }

  /**
   * Atomically stores a draft with the outcomes of the requests it answers; returns the change
   * to publish, or null when another node won.
   */
  async function commit(draft: Draft, expectedVersion: number, outcomes: { slot: RequestOutcomeSlot; outcome: RequestOutcome }[] = [], answeredWhole?: string): Promise<Publish | null> {
    const inv = draft.invitation;
    const missed = missedUsers(draft);
    const change = new DraftCommit(draft, expectedVersion, Array.isArray(missed) ? missed : await missed, nextTickAt(inv, notReceivedMs));
    if (outcomes.length > 0) change.requestOutcomes = outcomes.map((o) => o.outcome);
    let ok: boolean;
    try {
      ok = await storage.commit(change);
    } catch (error) {
      // The connection may have dropped after the store applied the commit: look before failing.
      const stored = await storage.getInvitation(inv.inviteID).catch(() => undefined);
      if (!(stored && stored.version === inv.version && JSON.stringify(stored) === JSON.stringify(inv))) throw error;
      ok = true;
    }
    if (!ok) return null;
    for (const o of outcomes) o.slot.committed = true;
    if (options.onStopRinging && !inv.onlineUserOnly) {
      for (const [reason, userIDs] of stoppedRinging(draft)) {
        options.onStopRinging(inv, userIDs, reason).catch((err: unknown) => logger.error({ err, inviteID: inv.inviteID }, 'stop-ringing push failed'));
      }
    }
    const changedUsers = [...draft.changed].map((id) => draft.user(id)!);
    let published: Promise<void> | undefined;
    // One publication per commit, however many operations of a group commit hand it on.
    const toFanout = (audience: { recipients: Set<string>; groupID?: string; recipientCount: number }) => {
      const change: FanoutChange = { invitation: inv, baseVersion: expectedVersion, changedUsers, ...audience };
      if (answeredWhole !== undefined) change.answeredWhole = answeredWhole;
      fanout.publish(change);
    };
    // An invitation outside any group (a 1v1 call) knows its audience without asking the directory: published at once.
    const publish: Publish = () =>
      (published ??= inv.groupID === undefined ? (toFanout(ungroupedAudience(inv, draft.changed)), Promise.resolve()) : audienceOf(inv, draft.changed, groups, viaGroup).then(toFanout));
    if (answeredWhole !== undefined) publish.beforeAnswer = true;
    return publish;
  }

  /**
   * Whether `viewer` may see the invitation (`canSee`, with the draft's O(1) lookup); null is the
   * engine itself. Answered at once unless the group directory must be asked (a class's members
   * are listed: each step of a group commit used to cost an async call and an await).
   */
  function visible(draft: Draft, viewer: string | null): boolean | Promise<boolean> {
    if (viewer === null) return true;
    const inv = draft.invitation;
    if (isUndelivered(inv, viewer)) return false;
    if (inv.inviter === viewer || draft.user(viewer) !== undefined) return true;
    return canSee(inv, viewer, groups, (id) => draft.user(id) !== undefined);
  }

  /** The invitation as the current step leaves it, with only the users the step changed. */
  function stepDelta(draft: Draft): MutationDelta {
    const version = draft.stepVersion();
    const changed = draft.stepChangedAnything();
    const users: CallUser[] = changed ? draft.stepChanged() : [];
    return { invitation: { ...draft.invitation, users, version }, baseVersion: changed ? version - 1 : version };
  }

  /** Applies a batch of queued changes to one draft and commits them together. */
  async function commitBatch(inviteID: string, batch: QueuedChange[]): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      let current = await storage.getInvitation(inviteID);
      if (attempt === 0 && current && isWide(current)) {
        // Every commit of a wide invitation costs O(users) (copy, audience, index), and a class's
        // answers arrive in a burst: let the answers already read from the sockets join this
        // commit (one event-loop turn) instead of committing them one by one, N × O(N).
        await nextTurn();
        current = await storage.getInvitation(inviteID);
      }
      if (attempt === 0) batch.push(...(queues.get(inviteID)?.splice(0, Math.max(0, MAX_GROUP_COMMIT - batch.length)) ?? []));
      if (!current) {
        for (const q of batch) q.reject(new RingkitError('INVITATION_NOT_FOUND', 'no such invitation'));
        return;
      }
      const draft = new Draft(current, clock.now());
      const outcomes: StepOutcome[] = [];
      // Index loops: a group commit holds up to 100 changes (a for-of allocated an iterator result per change).
      for (let i = 0; i < batch.length; i++) {
        const q = batch[i]!;
        draft.begin();
        try {
          const seen = visible(draft, q.viewer);
          if (!(seen === true || (seen !== false && (await seen)))) fail('INVITATION_NOT_FOUND', 'no such invitation');
          // A receipt's or an answer's change is synchronous: no await for it.
          const changed = q.change(draft);
          const value = isPromiseLike(changed) ? await changed : changed;
          outcomes.push({ ok: true, value, delta: stepDelta(draft), outcome: q.outcome });
        } catch (error) {
          draft.undo();
          outcomes.push({ ok: false, error });
        }
      }
      draft.finish();
      // The last change of a small invitation answers with the whole invitation (see `mutate`).
      let answeredWhole: string | undefined;
      const last = outcomes.findLastIndex((o) => o.ok && changedAnything(o.delta));
      const lastStep = outcomes[last];
      if (lastStep?.ok && !isWide(draft.invitation)) {
        lastStep.delta = { invitation: draft.invitation };
        answeredWhole = batch[last]!.by;
      }
      const stored: { slot: RequestOutcomeSlot; outcome: RequestOutcome }[] = [];
      for (let i = 0; i < outcomes.length; i++) {
        const o = outcomes[i]!;
        if (o.ok && o.outcome) stored.push({ slot: o.outcome.slot, outcome: outcomeForCommit(o.outcome.slot, o.outcome.result(o.delta, o.value)) });
      }
      let publish: Publish | undefined;
      if (draft.isChanged()) {
        const committed = await commit(draft, current.version, stored, answeredWhole);
        if (!committed) continue;
        publish = committed;
      }
      const invitation = publish ? draft.invitation : current;
      const handBack = (i: number, publication: Publish | undefined) => {
        const q = batch[i]!;
        const outcome = outcomes[i]!;
        if (!outcome.ok) return q.reject(outcome.error);
        const mutation: Mutation<unknown> = { invitation, value: outcome.value, delta: outcome.delta };
        if (publication && changedAnything(outcome.delta)) mutation.publish = publication;
        q.resolve(mutation);
      };
      if (batch.length <= ANSWERS_PER_TURN || !isWide(invitation)) {
        for (let i = 0; i < batch.length; i++) handBack(i, publish);
        return;
      }
      // A large batch of a wide invitation: ANSWERS_PER_TURN answers a turn; the publication after them all.
      let handedBack = () => {};
      const allHandedBack = new Promise<void>((resolve) => (handedBack = resolve));
      const published = publish;
      // One promise for the batch's answers, not one per answer that publishes it.
      let afterAll: Promise<void> | undefined;
      const afterAnswers: Publish | undefined = published && (() => (afterAll ??= allHandedBack.then(published)));
      for (let i = 0; i < batch.length; i++) {
        if (i > 0 && i % ANSWERS_PER_TURN === 0) await nextTurn();
        handBack(i, afterAnswers);
      }
      // One turn more: the last answers' acknowledgements are written before the update.
      await nextTurn();
      handedBack();
      return;
    }
    for (const q of batch) q.reject(new RingkitError('INTERNAL', 'the invitation is changing too fast; try again'));
  }

  /** Commits what is queued for one invitation, batch after batch, until the queue is empty. */
  async function drain(inviteID: string, queue: QueuedChange[]): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_GROUP_COMMIT);
      await commitBatch(inviteID, batch).catch((error: unknown) => {
        for (const q of batch) q.reject(error);
      });
    }
    queues.delete(inviteID);
  }

  return {
    mutate<T>(inviteID: string, viewer: string | null, change: (draft: Draft) => T | Promise<T>, outcome?: OutcomeOf<T>, by?: string) {
      return new Promise<Mutation<T>>((resolve, reject) => {
        const queued = queues.get(inviteID);
        const entry: QueuedChange = { viewer, by, change, outcome: outcome as OutcomeOf<unknown> | undefined, resolve: resolve as QueuedChange['resolve'], reject };
        if (queued) return void queued.push(entry);
        const queue = [entry];
        queues.set(inviteID, queue);
        void drain(inviteID, queue);
      });
    },

    async create(draft, outcome, by) {
      const stored = outcome && [{ slot: outcome.slot, outcome: outcomeForCommit(outcome.slot, outcome.result) }];
      const wide = isWide(draft.invitation);
      const publish = await commit(draft, 0, stored, wide ? undefined : by);
      if (!publish) fail('INTERNAL', 'inviteID collision');
      // A class's invite is split at its commit: its answer and its ring go one event-loop turn
      // later. Building a class's invitation and committing it, then answering the inviter with
      // the whole invitation and encoding the ring, held the loop 4–5 ms in one turn (N=200,
      // the server pinned to one core), and an unrelated call's invite read meanwhile waited for
      // all of it; now the I/O read after the commit is handled between the two halves.
      if (wide) await nextTurn();
      return publish;
    },

    async publishAll(publications) {
      for (let i = 0; i < publications.length; i++) await publications[i]!().catch(logPublishFailure);
    },

    flush: () => fanout.flush(),
  };
}

/** Whether a change's value is a promise (or any thenable) to wait for. */
function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
