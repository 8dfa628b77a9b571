import type { RingkitLimits } from '../protocol/limits.js';
import { callsHeldBy } from './callsHeldBy.js';
import type { GroupDirectory } from './groups.js';
import type { RuleContext } from './operations/context.js';
import { liveDeviceIDs } from './presenceKey.js';
import type { RingkitStorage } from './storage.js';

/**
 * What the rules may ask while deciding, answered from storage and the group directory.
 * @example const ctx = createRuleContext({ storage, groups, limits })
 */
export function createRuleContext(options: { storage: RingkitStorage; groups: GroupDirectory; limits: RingkitLimits }): RuleContext {
  const { storage, groups, limits } = options;
  return {
    limits,
    isGroupMember: (groupID, userID) => groups.isMember(groupID, userID),
    onlineAmong: (userIDs) => storage.onlineAmong(userIDs),
    // Busy: marked by the app, or in a call held by one of the user's live devices (a call left
    // on a device that vanished never makes its user busy).
    async isBusy(userID, exceptInviteID) {
      if (await storage.isMarkedBusy(userID)) return true;
      const ids = (await storage.activeInvitationsOfUser(userID)).filter((id) => id !== exceptInviteID);
      const calls = callsHeldBy(await storage.getInvitations(ids), userID);
      if (calls.length === 0) return false;
      const live = liveDeviceIDs(await storage.liveConnections(userID));
      return calls.some((c) => c.deviceID === undefined || live.has(c.deviceID));
    },
  };
}
