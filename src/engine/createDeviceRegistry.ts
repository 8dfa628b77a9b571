import type { RingkitLimits } from '../protocol/limits.js';
import type { Clock } from './clock.js';
import { fail } from './fail.js';
import type { Session } from './Session.js';
import type { RingkitStorage } from './storage.js';
import { graceEndsAt } from './timing.js';

/**
 * Device bookkeeping: which devices of a user are connected, the device cap, and what happens
 * when a user's last device goes: a device that said it is leaving (`session:leave`: the page is
 * going away, or the app disconnected) makes the user gone at once; a dropped connection starts
 * the grace period (`callerGraceSeconds`), in case it comes back.
 * @example
 * const devices = createDeviceRegistry({ storage, limits, clock })
 * await devices.connect({ userID: 'alice', deviceID: 'phone', connectionID: socket.id })
 */
export function createDeviceRegistry(options: { storage: RingkitStorage; limits: RingkitLimits; clock: Clock }) {
  const { storage, limits, clock } = options;
  /** Connections that said they are leaving; their disconnect has nothing left to do. */
  const left = new Set<string>();
  return {
    /** Registers a device; TOO_MANY_DEVICES over the cap. Cancels a pending "gone" check. */
    async connect(session: Session): Promise<void> {
      const count = await storage.addDevice(session.userID, session.connectionID);
      if (count > limits.maxDevicesPerUser) {
        await storage.removeDevice(session.userID, session.connectionID);
        fail('TOO_MANY_DEVICES', `at most ${limits.maxDevicesPerUser} devices per user`);
      }
      await storage.clearTimer(`gone:${session.userID}`);
    },

    /** A device says it is leaving: unregistered now; the user's last device leaving makes the user gone at once. */
    async leave(session: Session): Promise<void> {
      left.add(session.connectionID);
      const count = await storage.removeDevice(session.userID, session.connectionID);
      if (count === 0) await storage.setTimer(`gone:${session.userID}`, clock.now());
    },

    /** A connection closed: unregisters the device (unless it left); the user's last device going starts the grace period. */
    async disconnect(session: Session): Promise<void> {
      if (left.delete(session.connectionID)) return;
      const count = await storage.removeDevice(session.userID, session.connectionID);
      if (count === 0) await storage.setTimer(`gone:${session.userID}`, graceEndsAt(clock.now(), limits.callerGraceSeconds));
    },
  };
}
