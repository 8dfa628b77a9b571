import { RingkitError } from '../protocol/errors.js';
import type { RingkitLimits } from '../protocol/limits.js';
import { isCommandName, type CommandAck, type CommandName, type CommandPayload, type CommandResult } from '../protocol/commands.js';
import { fastPayload } from '../protocol/fastSchemas.js';
import { commandSchemas } from '../protocol/schemas.js';
import type { WireAck } from '../protocol/wire.js';
import type { Clock } from './clock.js';
import type { CommandHandler, CommandHandlers, CommandScope } from './createCommandHandlers.js';
import type { Publish } from './createInvitationTransactions.js';
import { createRateLimiter } from './createRateLimiter.js';
import type { EngineLogger } from './EngineLogger.js';
import { fail } from './fail.js';
import { requestCost } from './requestCost.js';
import { requestFingerprint } from './requestFingerprint.js';
import { createRequestOutcomes, packRequest, requestOutcomeKey, type RecalledOutcome, type RequestOutcomeSlot } from './requestOutcomes.js';
import type { Session } from './Session.js';
import type { RingkitStorage } from './storage.js';

/** Bookkeeping the client sends by itself: limited separately (10× the rate), so the app's own requests cannot starve it. */
const BOOKKEEPING_COMMANDS: ReadonlySet<string> = new Set(['session:sync', 'session:missedSeen', 'session:leave', 'session:busy', 'invitation:received']);

/**
 * Relays whose messages must reach the receiver in the order one connection sent them. They are
 * checked side by side as they come, but each one's publications (its delivery) wait for those
 * of the connection's previous one; other commands are not held back.
 */
const ORDERED_COMMANDS: ReadonlySet<string> = new Set(['media:signal']);

/**
 * A running request's outcome slot (`RequestOutcomeSlot`): its fingerprint is hashed only when
 * compared with an earlier outcome or stored in encoded form (rarely, see outcomeForCommit). A
 * class, not closures, so an outcome kept 5 minutes keeps a small object and not the context of
 * the call that made it.
 */
class OutcomeSlot implements RequestOutcomeSlot {
  committed = false;
  private hashed: string | undefined;

  constructor(
    readonly key: string,
    private readonly name: string,
    private readonly payload: unknown,
  ) {}

  get fingerprint(): string {
    return (this.hashed ??= requestFingerprint(this.name, this.payload));
  }

  packedFingerprint(): string {
    return this.hashed ?? packRequest(this.name, this.payload);
  }
}

/** A command's scope (`CommandScope`): a class, not a literal with a closure per command. */
class RunScope implements CommandScope {
  /** What the command handed on (`NO_PUBLICATIONS` until the first: a push onto `[]` allocated room for 17). */
  publications: Publish[] = NO_PUBLICATIONS;
  outcome?: RequestOutcomeSlot;

  constructor(outcome: RequestOutcomeSlot | undefined) {
    if (outcome) this.outcome = outcome;
  }

  later(publish: Publish): void {
    if (this.publications === NO_PUBLICATIONS) this.publications = [publish];
    else this.publications.push(publish);
  }
}

/** No publications (shared, never pushed to). */
const NO_PUBLICATIONS: Publish[] = Object.freeze([]) as unknown as Publish[];

/** Media signals have a per-user budget of their own (`mediaSignalsPerSecond`). */
const MEDIA_COMMANDS: ReadonlySet<string> = new Set(['media:signal']);

/**
 * The command gateway: the one way in for a device's commands. Counts the request against the
 * user's rate, checks the payload against the command's schema, remembers the first outcome of a
 * requestID, runs the handler, answers, then publishes.
 * @example
 * const gateway = createCommandGateway({ storage, limits, clock, logger, handlers, publishAll: tx.publishAll })
 * await gateway.execute(session, 'invitation:accept', { inviteID }, reply)
 */
export function createCommandGateway(options: {
  storage: RingkitStorage;
  limits: RingkitLimits;
  clock: Clock;
  logger: EngineLogger;
  handlers: CommandHandlers;
  publishAll: (publications: readonly Publish[]) => Promise<void>;
}) {
  const { storage, limits, clock, logger, handlers, publishAll } = options;
  const limiter = createRateLimiter(limits.requestsPerSecond, () => clock.now());
  const bookkeepingLimiter = createRateLimiter(limits.requestsPerSecond * 10, () => clock.now());
  const mediaLimiter = createRateLimiter(limits.mediaSignalsPerSecond, () => clock.now());
  // The three budgets (see budgetOf), made once rather than per request.
  const bookkeepingBudget = { suffix: '\u0000bookkeeping', perSecond: limits.requestsPerSecond * 10, local: bookkeepingLimiter };
  const mediaBudget = { suffix: '\u0000media', perSecond: limits.mediaSignalsPerSecond, local: mediaLimiter };
  const requestBudget = { suffix: '', perSecond: limits.requestsPerSecond, local: limiter };
  /** connectionID → the end of its chain of ordered commands (see ORDERED_COMMANDS). */
  const orderedTails = new Map<string, Promise<void>>();
  const inflight = new Map<string, { slot: OutcomeSlot; outcome: Promise<{ ack: WireAck<unknown> }> }>();
  /** connectionID → its commands still running, so a disconnect is handled after them. */
  const running = new Map<string, Promise<void> | Set<Promise<void>>>();
  const outcomes = createRequestOutcomes(storage, logger);

  function validate<N extends CommandName>(name: N, payload: unknown): CommandPayload<N> {
    if (!isCommandName(name)) fail('INVALID_PARAMETER', `unknown command ${String(name)}`);
    const fast = fastPayload(name, payload);
    if (fast) return fast;
    const parsed = commandSchemas[name].safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail('INVALID_PARAMETER', `${issue?.path.join('.') || 'payload'}: ${issue?.message ?? 'invalid'}`);
    }
    return parsed.data as CommandPayload<N>;
  }

  /** The error for a requestID already used with another command or other parameters. */
  const reusedKey = (name: string) =>
    new RingkitError('INVALID_PARAMETER', `requestID already used with another command or other parameters (${name}); use a new requestID for a new request`);

  const toAck = (error: unknown): WireAck<never> => {
    if (error instanceof RingkitError) return { ok: false, error: error.toJSON() };
    logger.error({ err: error }, 'command failed');
    return { ok: false, error: { code: 'INTERNAL', message: 'internal error' } };
  };

  /**
   * Counts a request against the user's rate, by its cost: shared by all nodes when storage can,
   * else per node.
   */
  function withinRate(userID: string, name: string, payload: unknown): boolean | Promise<boolean> {
    const { suffix, perSecond, local } = budgetOf(name);
    const cost = Math.min(requestCost(name, payload), perSecond); // never more than a full second's budget
    if (storage.takeRequestToken) return storage.takeRequestToken(`${userID}${suffix}`, perSecond, cost);
    return local.take(userID, cost);
  }

  /**
   * The budget a command counts against: the app's requests, the client's bookkeeping, or media
   * signals. The shared key's suffix starts with a character no userID may hold.
   */
  function budgetOf(name: string) {
    return BOOKKEEPING_COMMANDS.has(name) ? bookkeepingBudget : MEDIA_COMMANDS.has(name) ? mediaBudget : requestBudget;
  }

  /**
   * Runs the publications that may go before the answer (`Publish.beforeAnswer`: the other side
   * of a small call hears the change one socket write sooner); returns the others.
   */
  function publishEarly(publications: Publish[]): Publish[] | Promise<Publish[]> {
    // Most commands have none: answered without an await (a class's 400 answers a round each saved a promise and a microtask).
    if (!publications.some((p) => p.beforeAnswer)) return publications;
    return publishAll(publications.filter((p) => p.beforeAnswer)).then(() => publications.filter((p) => !p.beforeAnswer));
  }

  /** Publishes what a command handed on after its answer; nothing to publish costs no async call. */
  const publishLater = (publications: readonly Publish[]): Promise<void> | undefined => (publications.length === 0 ? undefined : publishAll(publications));

  /**
   * Runs one command and returns its ack plus what to publish after the caller hears it; with a
   * requestID's slot, stores the outcome when its commit did not (one async call per command, not two).
   */
  async function run<N extends CommandName>(session: Session, name: N, payload: unknown, outcome?: RequestOutcomeSlot): Promise<{ ack: CommandAck<N>; publications: Publish[] }> {
    const scope = new RunScope(outcome);
    let ack: CommandAck<N>;
    try {
      const within = withinRate(session.userID, name, payload);
      if (!(within === true || (within !== false && (await within)))) fail('RATE_LIMITED', `more than ${budgetOf(name).perSecond} ${MEDIA_COMMANDS.has(name) ? 'media signals' : 'requests'} per second`);
      const params = validate(name, payload);
      // TypeScript cannot relate `handlers[name]` to `name` itself: the map's type guarantees it.
      const handler = handlers[name] as unknown as CommandHandler<N>;
      const result = await handler(session, params, scope);
      ack = { ok: true, result };
    } catch (error) {
      ack = toAck(error);
    }
    if (outcome && !outcome.committed) await outcomes.remember(outcome, ack);
    return { ack, publications: scope.publications };
  }

  /**
   * Answers a requestID's first outcome again to every retry (docs/protocol.md section 4): a change
   * stores it in its own commit, anything else right after (see `requestOutcomes.ts`).
   */
  async function runOnce<N extends CommandName>(session: Session, name: N, payload: unknown, reply: (ack: CommandAck<N>) => void) {
    const key = requestOutcomeKey(session.userID, (payload as { requestID?: unknown } | null)?.requestID);
    if (key === undefined) {
      const { ack, publications } = await run(session, name, payload);
      const early = publishEarly(publications);
      const later = Array.isArray(early) ? early : await early;
      reply(ack);
      return later;
    }
    const slot = new OutcomeSlot(key, name, payload);
    let stored: RecalledOutcome<CommandResult<N>> | undefined;
    try {
      stored = await outcomes.recall<CommandResult<N>>(key);
    } catch (error) {
      return reply(toAck(error)), [];
    }
    // A reused key answers its first outcome only to the same command with the same parameters,
    // marked as a replay: the first answer was lost (with the connection, most likely) and so were
    // perhaps the updates after it, which the device's handshake cannot name when it never heard of
    // the invitation; the client then fetches the invitation's current state.
    if (stored) return reply(stored.fingerprint === slot.fingerprint ? { ...stored.ack, replayed: true } : toAck(reusedKey(name))), [];
    const running = inflight.get(key);
    // A retry while the first is still running waits for its outcome, a replay as well.
    if (running) return reply(running.slot.fingerprint === slot.fingerprint ? { ...((await running.outcome).ack as CommandAck<N>), replayed: true } : toAck(reusedKey(name))), [];
    const outcome = run(session, name, payload, slot);
    inflight.set(key, { slot, outcome });
    try {
      const { ack, publications } = await outcome;
      const early = publishEarly(publications);
      const later = Array.isArray(early) ? early : await early;
      reply(ack);
      return later;
    } finally {
      inflight.delete(key);
    }
  }

  /** Runs `work` once the connection's previous ordered `work` has finished. */
  function inOrder<T>(connectionID: string, work: () => Promise<T>): Promise<T> {
    const result = (orderedTails.get(connectionID) ?? Promise.resolve()).then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    orderedTails.set(connectionID, tail);
    void tail.then(() => orderedTails.get(connectionID) === tail && orderedTails.delete(connectionID));
    return result;
  }

  return {
    /**
     * Runs one command for a connected device and answers through `reply` before the change is
     * published (so the acting device holds the new version before it hears about it), except the
     * publications that skip the acting device (`Publish.beforeAnswer`), which go first.
     */
    execute<N extends CommandName>(session: Session, name: N, payload: unknown, reply: (ack: CommandAck<N>) => void): Promise<void> {
      const checked = runOnce(session, name, payload, reply);
      const connectionID = session.connectionID;
      const task: Promise<void> = ORDERED_COMMANDS.has(name) ? inOrder(connectionID, () => checked.then(publishLater)) : checked.then(publishLater);
      // A connection's one running command is kept as itself; a Set only once a second one runs beside it.
      const held = running.get(connectionID);
      if (held === undefined) running.set(connectionID, task);
      else if (held instanceof Set) held.add(task);
      else running.set(connectionID, new Set([held, task]));
      const done = () => {
        const now = running.get(connectionID);
        if (now === task) running.delete(connectionID);
        else if (now instanceof Set && now.delete(task) && now.size === 0) running.delete(connectionID);
      };
      task.then(done, done);
      return task;
    },

    /** Resolves once every command this connection sent so far has finished (e.g. its `session:leave`). */
    async settled(connectionID: string): Promise<void> {
      const held = running.get(connectionID);
      await Promise.allSettled(held === undefined ? [] : held instanceof Set ? [...held] : [held]);
    },
  };
}
