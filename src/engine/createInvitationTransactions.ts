import { isPending, type Invitation } from '../protocol/types.js';
import type { Clock } from './clock.js';
import type { Deliver } from './createFanout.js';
import { createFanout } from './createFanout.js';
import { Draft } from './Draft.js';
import type { EngineLogger } from './EngineLogger.js';
import { fail } from './fail.js';
import type { GroupDirectory } from './groups.js';
import { historyMessages } from './history.js';
import { canSee, isUndelivered, recipientsOf } from './recipients.js';
import { outcomeForCommit, type RequestOutcomeSlot } from './requestOutcomes.js';
import type { RingkitStorage } from './storage.js';
import { nextTickAt } from './timing.js';

/** Sends a committed change to its recipients; run once the caller has been answered. */
export type Publish = () => Promise<void>;

/**
 * What a change of an existing invitation gives back: the invitation after it (unchanged when
 * nothing changed), the value the change returned, and the publication when something changed.
 * @example const { invitation, publish } = await tx.mutate(inviteID, 'bob', (d) => answer(d, bob, 'accepted', ''))
 */
export interface Mutation<T> {
  invitation: Invitation;
  value: T;
  publish?: Publish;
}

/**
 * A request outcome to store with a change: the request's slot and how its result follows from
 * the invitation after the change and the change's value (the same function the handler answers with).
 * @example tx.mutate(inviteID, userID, apply, { slot, result: (invitation) => ({ invitation }) })
 */
export interface OutcomeOf<T> {
  slot: RequestOutcomeSlot;
  result: (invitation: Invitation, value: T) => unknown;
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
   * null for the engine's own changes (timers). With `outcome`, the request's outcome is stored
   * in the same atomic commit as the change.
   */
  mutate<T>(inviteID: string, viewer: string | null, change: (draft: Draft) => T | Promise<T>, outcome?: OutcomeOf<T>): Promise<Mutation<T>>;
  /** Stores a new invitation from a version-0 draft (with the request's `result` when `slot` is given); returns its publication. */
  create(draft: Draft, outcome?: { slot: RequestOutcomeSlot; result: unknown }): Promise<Publish>;
  /** Runs publications in order, logging (not throwing) failures. */
  publishAll(publications: readonly Publish[]): Promise<void>;
  /** Sends what is still coalescing (on shutdown). */
  flush(): void;
}

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
  coalesceWindowMs: number;
  notReceivedMs: number;
  logger: EngineLogger;
}): InvitationTransactions {
  const { storage, groups, clock, notReceivedMs, logger } = options;
  const fanout = createFanout(clock, options.coalesceWindowMs, options.deliver);
  const queues = new Map<string, Promise<unknown>>();

  /** Runs `task` after every earlier task on the same key (one invitation at a time per node). */
  function serialize<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = queues.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    queues.set(key, tail);
    void tail.then(() => queues.get(key) === tail && queues.delete(key));
    return run;
  }

  /** Users for whom this change is a call they missed: it ended for them while all their devices were away. */
  async function missedUsers(draft: Draft): Promise<string[]> {
    const inv = draft.invitation;
    if (inv.onlineUserOnly) return [];
    const candidates = [...draft.pendingBefore].filter((id) => {
      const state = draft.user(id)?.state;
      return state === 'cancelled' || state === 'timeout' || (inv.state === 'ended' && state !== undefined && isPending(state));
    });
    if (candidates.length === 0) return [];
    const online = await storage.onlineAmong(candidates);
    return candidates.filter((id) => !online.has(id));
  }

  /** Atomically stores a draft; returns the change to publish, or null when another node won. */
  async function commit(draft: Draft, expectedVersion: number, outcome?: { slot: RequestOutcomeSlot; result: unknown }): Promise<Publish | null> {
    const inv = draft.invitation;
    const requestOutcome = outcome && outcomeForCommit(outcome.slot, { ok: true, result: outcome.result });
    const ok = await storage
      .commit({
        invitation: inv,
        expectedVersion,
        indexUsers: (expectedVersion === 0 ? [inv.inviter, ...draft.changed] : [...draft.changed]).filter((id) => !isUndelivered(inv, id)),
        missedUsers: await missedUsers(draft),
        history: historyMessages(inv, draft.history, draft.now),
        nextTickAt: nextTickAt(inv, notReceivedMs),
        ...(requestOutcome && { requestOutcome }),
      })
      .catch(async (error: unknown) => {
        // The connection may have dropped after the store applied the commit: look before failing.
        const stored = await storage.getInvitation(inv.inviteID).catch(() => undefined);
        if (stored && stored.version === inv.version && JSON.stringify(stored) === JSON.stringify(inv)) return true;
        throw error;
      });
    if (!ok) return null;
    if (outcome) outcome.slot.committed = true;
    return async () => {
      const recipients = await recipientsOf(inv, draft.changed, groups);
      fanout.publish({ invitation: inv, baseVersion: expectedVersion, recipients });
    };
  }

  return {
    mutate(inviteID, viewer, change, outcome) {
      return serialize(inviteID, async () => {
        for (let attempt = 0; attempt < 20; attempt++) {
          const current = await storage.getInvitation(inviteID);
          if (!current || (viewer !== null && !(await canSee(current, viewer, groups)))) {
            fail('INVITATION_NOT_FOUND', 'no such invitation');
          }
          const draft = new Draft(current, clock.now());
          const value = await change(draft);
          if (!draft.isChanged()) return { invitation: current, value };
          const publish = await commit(draft, current.version, outcome && { slot: outcome.slot, result: outcome.result(draft.invitation, value) });
          if (publish) return { invitation: draft.invitation, value, publish };
        }
        return fail('INTERNAL', 'the invitation is changing too fast; try again');
      });
    },

    async create(draft, outcome) {
      const publish = await commit(draft, 0, outcome);
      if (!publish) fail('INTERNAL', 'inviteID collision');
      return publish;
    },

    async publishAll(publications) {
      for (const publish of publications) {
        await publish().catch((err: unknown) => logger.error({ err }, 'publish failed'));
      }
    },

    flush: () => fanout.flush(),
  };
}
