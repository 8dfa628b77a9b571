import { RingkitError } from '../protocol/errors.js';
import type { RingkitLimits } from '../protocol/limits.js';
import { callsHeldBy } from './callsHeldBy.js';
import type { Clock } from './clock.js';
import type { InvitationTransactions } from './createInvitationTransactions.js';
import type { Draft } from './Draft.js';
import type { EngineLogger } from './EngineLogger.js';
import { participantGone, userGone } from './operations/gone.js';
import { tick } from './operations/tick.js';
import { liveDeviceIDs } from './presenceKey.js';
import type { RingkitStorage } from './storage.js';
import {
  DEVICE_GONE_PREFIX,
  deviceGoneTimer,
  graceEndsAt,
  nextTickAt,
  parseDeviceGoneTimer,
  TIMER_LEASE_MS,
  USER_GONE_PREFIX,
  userGoneTimer,
} from './timing.js';

/** How often a node looks for devices that vanished with a dead node (ms). */
const SWEEP_EVERY_MS = 5000;

/**
 * The timer loop: claims due timers from storage (each fires once in the cluster) and applies
 * them — `tick:<inviteID>` (timeouts, not-received checks), `gone:<userID>` (the grace
 * period of a user with no device left) and `device:…` (the grace period of one device) — and
 * sweeps for devices of dead nodes.
 * @example
 * const timers = createTimerLoop({ storage, tx, clock, limits, logger, pollMs: 200 })
 * timers.start()
 */
export function createTimerLoop(options: {
  storage: RingkitStorage;
  tx: InvitationTransactions;
  clock: Clock;
  limits: RingkitLimits;
  logger: EngineLogger;
  pollMs: number;
}) {
  const { storage, tx, clock, limits, logger } = options;
  const notReceivedMs = limits.notReceivedCheckSeconds * 1000;
  let timer: unknown;
  let firingTimers = false;
  let stopped = true;
  let lastSweep = 0;

  /** Applies `gone` to every active invitation of the user. */
  async function inEveryActiveInvitation(userID: string, gone: (draft: Draft) => boolean) {
    for (const inviteID of await storage.activeInvitationsOfUser(userID)) {
      const { publish } = await tx.mutate(inviteID, null, gone);
      if (publish) await tx.publishAll([publish]);
    }
  }

  /** Cancels or removes a user whose devices are all gone, in every active invitation. */
  async function fireUserGone(userID: string) {
    if ((await storage.deviceCount(userID)) > 0) return;
    await inEveryActiveInvitation(userID, (draft) => userGone(draft, userID));
  }

  /** Takes a user out of the calls a vanished device held, even while their other devices are online. */
  async function fireDeviceGone(userID: string, deviceID: string) {
    if (liveDeviceIDs(await storage.liveConnections(userID)).has(deviceID)) return;
    await inEveryActiveInvitation(userID, (draft) => participantGone(draft, userID, deviceID));
  }

  /**
   * Handles one claimed timer. `leaseAt` is the due time the claim gave it: timers are only
   * moved or cleared while they still carry it, so a newer timer set meanwhile (by a disconnect,
   * or a commit on another node) wins.
   */
  async function processTimer(key: string, leaseAt: number) {
    if (key.startsWith('tick:')) {
      const ticked = await tx.mutate(key.slice(5), null, (draft) => tick(draft, notReceivedMs)).catch((error: unknown) => {
        if (error instanceof RingkitError && error.code === 'INVITATION_NOT_FOUND') return undefined; // expired by retention
        throw error;
      });
      if (ticked?.publish) return tx.publishAll([ticked.publish]);
      const at = ticked ? nextTickAt(ticked.invitation, notReceivedMs) : null;
      if (at === null) await storage.clearTimer(key, leaseAt);
      else await storage.setTimer(key, at, leaseAt);
    } else if (key.startsWith(USER_GONE_PREFIX)) {
      await storage.clearTimer(key, leaseAt);
      await fireUserGone(key.slice(USER_GONE_PREFIX.length));
    } else if (key.startsWith(DEVICE_GONE_PREFIX)) {
      await storage.clearTimer(key, leaseAt);
      const { userID, deviceID } = parseDeviceGoneTimer(key);
      await fireDeviceGone(userID, deviceID);
    } else {
      await storage.clearTimer(key, leaseAt);
    }
  }

  /**
   * Starts the grace periods a dead node's devices leave: of each user left with no device, and
   * of each call part held by a device that vanished while its user is online elsewhere.
   */
  async function sweepDeadNodes() {
    if (!storage.sweepDeadNodes || clock.now() - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = clock.now();
    const graceEnds = graceEndsAt(clock.now(), limits.callerGraceSeconds);
    const { offline, stillOnline } = await storage.sweepDeadNodes();
    for (const userID of offline) await storage.setTimer(userGoneTimer(userID), graceEnds);
    for (const userID of stillOnline) {
      const live = liveDeviceIDs(await storage.liveConnections(userID));
      const held = callsHeldBy(await storage.getInvitations(await storage.activeInvitationsOfUser(userID)), userID);
      for (const { deviceID } of held) if (deviceID !== undefined && !live.has(deviceID)) await storage.setTimer(deviceGoneTimer(userID, deviceID), graceEnds);
    }
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
    let wait = options.pollMs;
    try {
      await sweepDeadNodes();
      await runDueTimers();
      const next = await storage.nextTimerAt();
      if (next !== null) wait = Math.max(0, Math.min(wait, next - clock.now()));
    } catch (err) {
      logger.warn({ err }, 'timer loop: storage unavailable');
    }
    if (!stopped) timer = clock.setTimeout(() => void loop(), wait);
  }

  return {
    runDueTimers,
    /** Starts the loop (idempotent). */
    start(): void {
      if (!stopped) return;
      stopped = false;
      void loop();
    },
    /** Stops the loop. */
    stop(): void {
      stopped = true;
      clock.clearTimeout(timer);
    },
  };
}
