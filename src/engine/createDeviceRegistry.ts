import type { RingkitLimits } from '../protocol/limits.js';
import type { Clock } from './clock.js';
import { fail } from './fail.js';
import type { Session } from './Session.js';
import type { RingkitStorage } from './storage.js';
import { graceEndsAt } from './timing.js';

/**
 * Device bookkeeping: which devices of a user are connected, the device cap, and the grace
 * period that starts when a user's last device leaves.
 * @example
 * const devices = createDeviceRegistry({ storage, limits, clock })
 * await devices.connect({ userID: 'alice', deviceID: 'phone', connectionID: socket.id })
 */
export function createDeviceRegistry(options: { storage: RingkitStorage; limits: RingkitLimits; clock: Clock }) {
  const { storage, limits, clock } = options;
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

    /** Unregisters a device; the user's last device leaving starts the grace period. */
    async disconnect(session: Session): Promise<void> {
      const left = await storage.removeDevice(session.userID, session.connectionID);
      if (left === 0) await storage.setTimer(`gone:${session.userID}`, graceEndsAt(clock.now(), limits.callerGraceSeconds));
    },
  };
}
