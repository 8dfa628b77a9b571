import type { Session } from './Session.js';

/** Separates the device from the connection in a presence key (IDs never hold control characters). */
const SEPARATOR = '\u0000';

/**
 * The key a connection is registered under in storage's device presence: the device and the
 * connection, so the engine can tell which devices of a user are live (a device may hold several
 * connections for a moment, e.g. a reload).
 * @example await storage.addDevice(session.userID, presenceKey(session))
 */
export function presenceKey(session: Pick<Session, 'deviceID' | 'connectionID'>): string {
  return `${session.deviceID}${SEPARATOR}${session.connectionID}`;
}

/**
 * The deviceIDs among a user's live presence keys.
 * @example const devices = liveDeviceIDs(await storage.liveConnections('bob')) // Set { 'phone' }
 */
export function liveDeviceIDs(keys: Iterable<string>): Set<string> {
  const devices = new Set<string>();
  for (const key of keys) devices.add(key.slice(0, key.indexOf(SEPARATOR)));
  return devices;
}
