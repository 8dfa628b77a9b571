import type { Invitation } from '../protocol/types.js';

/**
 * The active advanced calls a user is accepted in, with the device that holds their part
 * (undefined when the call does not say which).
 * @example callsHeldBy(await storage.getInvitations(ids), 'bob') // [{ inviteID: 'i1', deviceID: 'phone' }]
 */
export function callsHeldBy(invitations: readonly (Invitation | undefined)[], userID: string): { inviteID: string; deviceID: string | undefined }[] {
  const calls: { inviteID: string; deviceID: string | undefined }[] = [];
  for (const inv of invitations) {
    if (inv?.mode !== 'advanced' || inv.state !== 'active') continue;
    const self = inv.users.find((u) => u.userID === userID);
    if (self?.state === 'accepted') calls.push({ inviteID: inv.inviteID, deviceID: self.deviceID });
  }
  return calls;
}
