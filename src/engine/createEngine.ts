import { DEFAULT_LIMITS, type RingkitLimits } from '../protocol/limits.js';
import { systemClock, type Clock } from './clock.js';
import { createCommandGateway } from './createCommandGateway.js';
import { createCommandHandlers } from './createCommandHandlers.js';
import { createDeviceRegistry } from './createDeviceRegistry.js';
import type { Deliver, DeliverToGroup } from './createFanout.js';
import { createInvitationTransactions } from './createInvitationTransactions.js';
import { createRuleContext } from './createRuleContext.js';
import { createTimerLoop } from './createTimerLoop.js';
import { silentLogger, type EngineLogger } from './EngineLogger.js';
import type { DeliverMediaSignal } from './mediaSignalTarget.js';
import type { GroupDirectory } from './groups.js';
import type { PushNotifier, WebPushRinger } from './push.js';
import type { Session } from './Session.js';
import type { RingkitStorage } from './storage.js';

/**
 * Options of `createEngine`.
 * @example createEngine({ storage: createMemoryStorage(), groups: createMemoryGroupDirectory(), deliver })
 */
export interface EngineOptions {
  storage: RingkitStorage;
  groups: GroupDirectory;
  /** Sends an update to every device of the given users. */
  deliver: Deliver;
  /** Sends an update to every device of a group's members (and the given users) through one group room; without it group members are named one by one. */
  deliverToGroup?: DeliverToGroup;
  /** Sends a media signal to one device of one user; without it the engine refuses `media:signal`. */
  deliverMediaSignal?: DeliverMediaSignal;
  clock?: Clock;
  limits?: Partial<RingkitLimits>;
  /**
   * Longest window in which bursts to one invitation are merged (ms, ≤ 100). Default 100. The
   * window of each change grows with its audience (0.1 ms per recipient): calls of up to 16
   * users are never held back, a class of 1,000 merges bursts over the whole window.
   */
  coalesceWindowMs?: number;
  /** Makes inviteIDs; default 128 random bits, URL-safe. */
  generateID?: () => string;
  pushNotifier?: PushNotifier;
  /** Rings closed browsers of offline invitees (the server's `webPush` option builds it). */
  webPush?: WebPushRinger;
  /** Lets clients create, join and leave groups (the demo does). Default false. */
  clientGroups?: boolean;
  logger?: EngineLogger;
  /** Longest sleep of the timer loop (ms); other nodes may add earlier timers. Default 200. */
  timerPollMs?: number;
}

/**
 * The invitation engine: every rule of docs/protocol.md, pure TypeScript, with storage, groups,
 * clock and delivery injected. It wires four parts together — the invitation transactions, the
 * command gateway, the timer loop and the device registry. Transports (socket.io, in-page
 * loopback) call `connect` and `disconnect` for each device and `execute` for each command.
 * @example
 * const engine = createEngine({ storage: createMemoryStorage(), groups: createMemoryGroupDirectory(), deliver })
 * engine.start()
 * await engine.execute(session, 'invitation:invite', { invitees: ['bob'] }, (ack) => console.log(ack))
 */
export function createEngine(options: EngineOptions) {
  const { storage, groups } = options;
  const clock = options.clock ?? systemClock;
  const limits: RingkitLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const logger = options.logger ?? silentLogger;
  const tx = createInvitationTransactions({
    storage,
    groups,
    clock,
    deliver: options.deliver,
    deliverToGroup: options.deliverToGroup,
    coalesceWindowMs: Math.min(options.coalesceWindowMs ?? 100, 100),
    notReceivedMs: limits.notReceivedCheckSeconds * 1000,
    logger,
    onStopRinging: options.webPush && ((invitation, userIDs, reason) => options.webPush!.stop(userIDs, invitation, reason)),
  });
  const devices = createDeviceRegistry({ storage, limits, clock });
  const handlers = createCommandHandlers({
    ctx: createRuleContext({ storage, groups, limits }),
    storage,
    groups,
    tx,
    devices,
    now: () => clock.now(),
    generateID: options.generateID,
    pushNotifier: options.pushNotifier,
    webPush: options.webPush,
    clientGroups: options.clientGroups ?? false,
    deliverMediaSignal: options.deliverMediaSignal,
    logger,
  });
  const gateway = createCommandGateway({ storage, limits, clock, logger, handlers, publishAll: tx.publishAll });
  const timers = createTimerLoop({ storage, tx, clock, limits, logger, pollMs: options.timerPollMs ?? 200 });

  return {
    limits,
    execute: gateway.execute,
    connect: devices.connect,

    /**
     * Unregisters a device whose connection closed, after the commands it sent have finished
     * (so a `session:leave` just before the close counts).
     */
    async disconnect(session: Session): Promise<void> {
      await gateway.settled(session.connectionID);
      await devices.disconnect(session);
    },
    runDueTimers: timers.runDueTimers,
    start: timers.start,

    /** Stops the timer loop and sends what is still coalescing. */
    stop(): void {
      timers.stop();
      tx.flush();
    },
  };
}

/**
 * The engine's interface.
 * @example const engine: Engine = server.engine
 */
export type Engine = ReturnType<typeof createEngine>;
