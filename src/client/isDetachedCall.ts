import type { Invitation } from '../protocol/types.js';

/**
 * Whether a call still holds my user's part on another device than this one (the server named it
 * detached when this device connected: that device is not connected). Once this device joins it,
 * or it ends, or I leave it, it is no longer detached.
 * @example const stillDetached = isDetachedCall(client.getInvitation(id), client.userID, client.deviceID)
 */
export function isDetachedCall(inv: Invitation | undefined, userID: string, deviceID: string): inv is Invitation {
  if (inv?.state !== 'active' || inv.mode !== 'advanced') return false;
  const self = inv.users.find((u) => u.userID === userID);
  return self?.state === 'accepted' && self.deviceID !== deviceID;
}
