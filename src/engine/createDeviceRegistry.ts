import type { RingkitLimits } from '../protocol/limits.js';
import type { Clock } from './clock.js';
import { fail } from './fail.js';
import { liveDeviceIDs, presenceKey } from './presenceKey.js';
import type { Session } from './Session.js';
import type { RingkitStorage } from './storage.js';
import { deviceGoneTimer, graceEndsAt, userGoneTimer } from './timing.js';

/**
 * Device bookkeeping: which devices of a user are connected, the device cap, and what happens
 * when devices go. Two grace periods run (`callerGraceSeconds`, in case a dropped connection comes
 * back): one per device, once no connection of that device is left (the device that accepted a
 * call owns its user's part of it), and one per user, once none of their devices is left (an
 * inviter gone). A device that said it is leaving (`session:leave`: the page is going away, or
 * the app disconnected) is gone at once.
 * @example
 * const devices = createDeviceRegistry({ storage, limits, clock })
 * await devices.connect({ userID: 'alice', deviceID: 'phone', connectionID: socket.id })
 */
export function createDeviceRegistry(options: { storage: RingkitStorage; limits: RingkitLimits; clock: Clock }) {
  const { storage, limits, clock } = options;
  /** Connections that said they are leaving; their disconnect has nothing left to do. */
  const left = new Set<string>();

  /** Unregisters a connection and starts the grace periods it ends, due at `goneAt`. */
  async function unregister(session: Session, goneAt: number): Promise<void> {
    const count = await storage.removeDevice(session.userID, presenceKey(session));
    if (count === 0) await storage.setTimer(userGoneTimer(session.userID), goneAt);
    const stillLive = count > 0 && liveDeviceIDs(await storage.liveConnections(session.userID)).has(session.deviceID);
    if (!stillLive) await storage.setTimer(deviceGoneTimer(session.userID, session.deviceID), goneAt);
  }

  return {
    /** Registers a device; TOO_MANY_DEVICES over the cap. Cancels its pending "gone" checks. */
    async connect(session: Session): Promise<void> {
      const count = await storage.addDevice(session.userID, presenceKey(session));
      if (count > limits.maxDevicesPerUser) {
        await storage.removeDevice(session.userID, presenceKey(session));
        fail('TOO_MANY_DEVICES', `at most ${limits.maxDevicesPerUser} devices per user`);
      }
      await storage.clearTimer(userGoneTimer(session.userID));
      await storage.clearTimer(deviceGoneTimer(session.userID, session.deviceID));
    },

    /** A device says it is leaving: unregistered now, and gone at once. */
    async leave(session: Session): Promise<void> {
      left.add(session.connectionID);
      await unregister(session, clock.now());
    },

    /** A connection closed: unregisters the device (unless it left) and starts the grace periods. */
    async disconnect(session: Session): Promise<void> {
      if (left.delete(session.connectionID)) return;
      await unregister(session, graceEndsAt(clock.now(), limits.callerGraceSeconds));
    },
  };
}
