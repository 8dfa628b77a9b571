import { RingkitError } from '../protocol/errors.js';
import { DEFAULT_LIMITS, REQUEST_ID_TTL_MS, type RingkitLimits } from '../protocol/limits.js';
import { commandSchemas, type CommandName } from '../protocol/schemas.js';
import { isPending, type Invitation } from '../protocol/types.js';
import type { WireAck } from '../protocol/wire.js';
import type { Actor } from './actor.js';
import { systemClock, type Clock } from './clock.js';
import { createCommandHandlers } from './createCommandHandlers.js';
import { createFanout, type Deliver } from './createFanout.js';
import { createRateLimiter } from './createRateLimiter.js';
import { Draft } from './Draft.js';
import { fail } from './fail.js';
import type { GroupDirectory } from './groups.js';
import { historyMessages } from './history.js';
import { userGone } from './operations/gone.js';
import { nextTickAt, tick } from './operations/tick.js';
import type { RuleContext } from './operations/context.js';
import type { PushNotifier } from './push.js';
import { canSee, recipientsOf } from './recipients.js';
import type { RingkitStorage } from './storage.js';

/**
 * A connected device: the actor plus the connection's own ID.
 * @example await engine.connect({ userID: 'alice', deviceID: 'phone', connectionID: socket.id })
 */
export interface Session extends Actor {
  connectionID: string;
}

/**
 * Minimal structured logger (pino fits).
 * @example createEngine({ ..., logger: pino() })
 */
export interface EngineLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * Options of `createEngine`.
 * @example createEngine({ storage: createMemoryStorage(), groups: createMemoryGroupDirectory(), deliver })
 */
export interface EngineOptions {
  storage: RingkitStorage;
  groups: GroupDirectory;
  /** Sends an update to every device of the given users. */
  deliver: Deliver;
  clock?: Clock;
  limits?: Partial<RingkitLimits>;
  /** Window in which bursts to one invitation are merged (ms, ≤ 100). Default 50. */
  coalesceWindowMs?: number;
  /** Makes inviteIDs; default 128 random bits, URL-safe. */
  generateID?: () => string;
  pushNotifier?: PushNotifier;
  /** Lets clients create, join and leave groups (the demo does). Default false. */
  clientGroups?: boolean;
  logger?: EngineLogger;
  /** Longest sleep of the timer loop (ms); other nodes may add earlier timers. Default 200. */
  timerPollMs?: number;
}

/** Bookkeeping the client sends by itself: limited separately (10× the rate), so the app's own requests cannot starve it. */
const BOOKKEEPING_COMMANDS: ReadonlySet<string> = new Set(['session:sync', 'session:missedSeen', 'invitation:received']);

/** How long a claimed timer stays with the node that claimed it before another may retry it. */
const TIMER_LEASE_MS = 10_000;

const silent: EngineLogger = { info() {}, warn() {}, error() {} };

/**
 * The invitation engine: every rule of PROTOCOL.md, pure TypeScript, with storage, groups,
 * clock and delivery injected. Transports (socket.io, in-page loopback) call `connect` and
 * `disconnect` for each device and `execute` for each command.
 * @example
 * const engine = createEngine({ storage: createMemoryStorage(), groups: createMemoryGroupDirectory(), deliver })
 * engine.start()
 * await engine.execute(session, 'invitation:invite', { invitees: ['bob'] }, (ack) => console.log(ack))
 */
export function createEngine(options: EngineOptions) {
  const { storage, groups, deliver } = options;
  const clock = options.clock ?? systemClock;
  const limits: RingkitLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const logger = options.logger ?? silent;
  const notReceivedMs = limits.notReceivedCheckSeconds * 1000;
  const fanout = createFanout(clock, Math.min(options.coalesceWindowMs ?? 50, 100), deliver);
  const limiter = createRateLimiter(limits.requestsPerSecond, () => clock.now());
  const bookkeepingLimiter = createRateLimiter(limits.requestsPerSecond * 10, () => clock.now());
  const queues = new Map<string, Promise<unknown>>();
  const inflight = new Map<string, Promise<WireAck<unknown>>>();

  const ctx: RuleContext = {
    limits,
    isGroupMember: (groupID, userID) => groups.isMember(groupID, userID),
    async isBusy(userID, exceptInviteID) {
      const ids = (await storage.activeInvitationsOfUser(userID)).filter((id) => id !== exceptInviteID);
      const invitations = await storage.getInvitations(ids);
      return invitations.some(
        (inv) =>
          inv?.mode === 'advanced' &&
          inv.state === 'active' &&
          inv.users.some((u) => u.userID === userID && u.state === 'accepted'),
      );
    },
  };

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
  async function commit(draft: Draft, expectedVersion: number): Promise<(() => Promise<void>) | null> {
    const inv = draft.invitation;
    const ok = await storage
      .commit({
        invitation: inv,
        expectedVersion,
        indexUsers: expectedVersion === 0 ? [inv.inviter, ...draft.changed] : [...draft.changed],
        missedUsers: await missedUsers(draft),
        history: historyMessages(inv, draft.history, draft.now),
        nextTickAt: nextTickAt(inv, notReceivedMs),
      })
      .catch(async (error: unknown) => {
        // The connection may have dropped after the store applied the commit: look before failing.
        const stored = await storage.getInvitation(inv.inviteID).catch(() => undefined);
        if (stored && stored.version === inv.version && JSON.stringify(stored) === JSON.stringify(inv)) return true;
        throw error;
      });
    if (!ok) return null;
    return async () => {
      const recipients = await recipientsOf(inv, draft.changed, groups);
      fanout.publish({ invitation: inv, baseVersion: expectedVersion, recipients });
    };
  }

  /**
   * Applies `change` to the newest stored version of an invitation, retrying when another node
   * committed first. `viewer` must be able to see the invitation (else INVITATION_NOT_FOUND).
   * Returns the invitation after the change (unchanged when `change` changed nothing) and the
   * publication to run once the caller has been answered.
   */
  async function mutate<T>(
    inviteID: string,
    viewer: string | null,
    change: (draft: Draft) => T | Promise<T>,
  ): Promise<{ invitation: Invitation; value: T; publish?: () => Promise<void> }> {
    return serialize(inviteID, async () => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const current = await storage.getInvitation(inviteID);
        if (!current || (viewer !== null && !(await canSee(current, viewer, groups)))) {
          fail('INVITATION_NOT_FOUND', 'no such invitation');
        }
        const draft = new Draft(current, clock.now());
        const value = await change(draft);
        if (!draft.isChanged()) return { invitation: current, value };
        const publish = await commit(draft, current.version);
        if (publish) return { invitation: draft.invitation, value, publish };
      }
      return fail('INTERNAL', 'the invitation is changing too fast; try again');
    });
  }

  /** Creates a new invitation from a version-0 draft. */
  async function create(draft: Draft): Promise<() => Promise<void>> {
    const publish = await commit(draft, 0);
    if (!publish) fail('INTERNAL', 'inviteID collision');
    return publish;
  }

  const handlers = createCommandHandlers({
    ctx,
    storage,
    groups,
    mutate,
    create,
    now: () => clock.now(),
    generateID: options.generateID,
    pushNotifier: options.pushNotifier,
    clientGroups: options.clientGroups ?? false,
    logger,
  });

  function validate(name: string, payload: unknown): { name: CommandName; params: unknown } {
    if (!Object.hasOwn(commandSchemas, name)) fail('INVALID_PARAMETER', `unknown command ${name}`);
    const parsed = commandSchemas[name as CommandName].safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail('INVALID_PARAMETER', `${issue?.path.join('.') || 'payload'}: ${issue?.message ?? 'invalid'}`);
    }
    return { name: name as CommandName, params: parsed.data };
  }

  const toAck = (error: unknown): WireAck<never> => {
    if (error instanceof RingkitError) return { ok: false, error: error.toJSON() };
    logger.error({ err: error }, 'command failed');
    return { ok: false, error: { code: 'INTERNAL', message: 'internal error' } };
  };

  /** Counts a request against the user's rate: shared by all nodes when storage can, else per node. */
  function withinRate(userID: string, name: string): boolean | Promise<boolean> {
    const bookkeeping = BOOKKEEPING_COMMANDS.has(name);
    if (storage.takeRequestToken) {
      const [key, perSecond] = bookkeeping ? [`${userID}:bookkeeping`, limits.requestsPerSecond * 10] : [userID, limits.requestsPerSecond];
      return storage.takeRequestToken(key, perSecond);
    }
    return (bookkeeping ? bookkeepingLimiter : limiter).take(userID);
  }

  /** Runs one command and returns its ack plus what to publish after the caller hears it. */
  async function run(session: Session, name: string, payload: unknown) {
    const publications: (() => Promise<void>)[] = [];
    try {
      if (!(await withinRate(session.userID, name))) fail('RATE_LIMITED', `more than ${limits.requestsPerSecond} requests per second`);
      const command = validate(name, payload);
      const result = await handlers[command.name](session, command.params as never, (p) => publications.push(p));
      return { ack: { ok: true, result } as WireAck<unknown>, publications };
    } catch (error) {
      return { ack: toAck(error), publications };
    }
  }

  /**
   * Remembers the first outcome of a requestID for 5 minutes (PROTOCOL.md section 4); transient
   * failures (rate limit, storage down) are not remembered, so a retry can still succeed.
   */
  async function runOnce(session: Session, name: string, payload: unknown, reply: (ack: WireAck<unknown>) => void) {
    const requestID = (payload as { requestID?: unknown } | null)?.requestID;
    if (typeof requestID !== 'string' || requestID.length === 0 || requestID.length > 64) {
      const { ack, publications } = await run(session, name, payload);
      reply(ack);
      return publications;
    }
    const key = `${session.userID}\u0000${requestID}`;
    let stored: string | undefined;
    try {
      stored = await storage.getRequestOutcome(key);
    } catch (error) {
      return reply(toAck(error)), [];
    }
    if (stored) return reply(JSON.parse(stored) as WireAck<unknown>), [];
    const running = inflight.get(key);
    if (running) return reply(await running), [];
    const outcome = run(session, name, payload).then(async (r) => {
      const transient = !r.ack.ok && (r.ack.error.code === 'RATE_LIMITED' || r.ack.error.code === 'INTERNAL');
      if (!transient) {
        await storage
          .putRequestOutcome(key, JSON.stringify(r.ack), REQUEST_ID_TTL_MS)
          .catch((err: unknown) => logger.warn({ err }, 'could not remember a request outcome'));
      }
      return r;
    });
    inflight.set(key, outcome.then((r) => r.ack));
    try {
      const { ack, publications } = await outcome;
      reply(ack);
      return publications;
    } finally {
      inflight.delete(key);
    }
  }

  async function publishAll(publications: (() => Promise<void>)[]) {
    for (const publish of publications) {
      await publish().catch((err: unknown) => logger.error({ err }, 'publish failed'));
    }
  }

  /**
   * Handles one claimed timer. `leaseAt` is the due time the claim gave it: timers are only
   * moved or cleared while they still carry it, so a newer timer set meanwhile (by a disconnect,
   * or a commit on another node) wins.
   */
  async function processTimer(key: string, leaseAt: number) {
    if (key.startsWith('tick:')) {
      const ticked = await mutate(key.slice(5), null, (draft) => tick(draft, notReceivedMs)).catch((error: unknown) => {
        if (error instanceof RingkitError && error.code === 'INVITATION_NOT_FOUND') return undefined; // expired by retention
        throw error;
      });
      if (ticked?.publish) return publishAll([ticked.publish]);
      const at = ticked ? nextTickAt(ticked.invitation, notReceivedMs) : null;
      if (at === null) await storage.clearTimer(key, leaseAt);
      else await storage.setTimer(key, at, leaseAt);
    } else if (key.startsWith('gone:')) {
      const userID = key.slice(5);
      await storage.clearTimer(key, leaseAt);
      if ((await storage.deviceCount(userID)) > 0) return;
      for (const inviteID of await storage.activeInvitationsOfUser(userID)) {
        const { publish } = await mutate(inviteID, null, (draft) => userGone(draft, userID));
        if (publish) await publishAll([publish]);
      }
    } else {
      await storage.clearTimer(key, leaseAt);
    }
  }

  let timer: unknown;
  let firingTimers = false;
  let stopped = true;
  let lastSweep = 0;

  /** Starts the grace period of users whose devices vanished with a dead node. */
  async function sweepOfflineUsers() {
    if (!storage.sweepOfflineUsers || clock.now() - lastSweep < 5000) return;
    lastSweep = clock.now();
    const graceEnds = clock.now() + limits.callerGraceSeconds * 1000;
    for (const userID of await storage.sweepOfflineUsers()) await storage.setTimer(`gone:${userID}`, graceEnds);
  }

  /** Fires every due timer once (the loop calls it; tests with a manual clock may too). */
  async function runDueTimers(): Promise<void> {
    if (firingTimers) return;
    firingTimers = true;
    try {
      for (;;) {
        const now = clock.now();
        const keys = await storage.claimDueTimers(now, TIMER_LEASE_MS, 100);
        if (keys.length === 0) break;
        await Promise.all(
          keys.map((key) => processTimer(key, now + TIMER_LEASE_MS).catch((err: unknown) => logger.error({ err, key }, 'timer failed'))),
        );
      }
    } finally {
      firingTimers = false;
    }
  }

  async function loop() {
    if (stopped) return;
    let wait = options.timerPollMs ?? 200;
    try {
      await sweepOfflineUsers();
      await runDueTimers();
      const next = await storage.nextTimerAt();
      if (next !== null) wait = Math.max(0, Math.min(wait, next - clock.now()));
    } catch (err) {
      logger.warn({ err }, 'timer loop: storage unavailable');
    }
    if (!stopped) timer = clock.setTimeout(() => void loop(), wait);
  }

  return {
    limits,

    /**
     * Runs one command for a connected device and answers through `reply` before the change is
     * published (so the acting device holds the new version before it hears about it).
     */
    async execute(session: Session, name: string, payload: unknown, reply: (ack: WireAck<unknown>) => void): Promise<void> {
      const publications = await runOnce(session, name, payload, reply);
      await publishAll(publications);
    },

    /** Registers a device; TOO_MANY_DEVICES over the cap. Cancels a pending "gone" check. */
    async connect(session: Session): Promise<void> {
      const count = await storage.addDevice(session.userID, session.connectionID);
      if (count > limits.maxDevicesPerUser) {
        await storage.removeDevice(session.userID, session.connectionID);
        fail('TOO_MANY_DEVICES', `at most ${limits.maxDevicesPerUser} devices per user`);
      }
      await storage.clearTimer(`gone:${session.userID}`);
    },

    /** Unregisters a device; the user's last device leaving starts the grace period. */
    async disconnect(session: Session): Promise<void> {
      const left = await storage.removeDevice(session.userID, session.connectionID);
      if (left === 0) await storage.setTimer(`gone:${session.userID}`, clock.now() + limits.callerGraceSeconds * 1000);
    },

    runDueTimers,

    /** Starts the timer loop. */
    start(): void {
      if (!stopped) return;
      stopped = false;
      void loop();
    },

    /** Stops the timer loop and sends what is still coalescing. */
    stop(): void {
      stopped = true;
      clock.clearTimeout(timer);
      fanout.flush();
    },
  };
}

/**
 * The engine's interface.
 * @example const engine: Engine = server.engine
 */
export type Engine = ReturnType<typeof createEngine>;
