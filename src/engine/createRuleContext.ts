import type { RingkitLimits } from '../protocol/limits.js';
import type { GroupDirectory } from './groups.js';
import type { RuleContext } from './operations/context.js';
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
    async isBusy(userID, exceptInviteID) {
      if (await storage.isMarkedBusy(userID)) return true;
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
}
