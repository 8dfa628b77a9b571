import type { GroupDirectory } from '../groups.js';

/**
 * The default group directory, kept in memory.
 * @example
 * const groups = createMemoryGroupDirectory()
 * await groups.createGroup('class-1', ['teacher', 's1', 's2'])
 */
export function createMemoryGroupDirectory(): GroupDirectory {
  const groups = new Map<string, Set<string>>();
  const memberships = new Map<string, Set<string>>();

  const link = (groupID: string, userID: string, add: boolean) => {
    let set = memberships.get(userID);
    if (add) {
      if (!set) memberships.set(userID, (set = new Set()));
      set.add(groupID);
    } else set?.delete(groupID);
  };

  return {
    async createGroup(groupID, members) {
      if (!groups.has(groupID)) groups.set(groupID, new Set());
      await this.addMembers(groupID, members);
    },
    async addMembers(groupID, members) {
      const group = groups.get(groupID);
      if (!group) return;
      for (const userID of members) {
        group.add(userID);
        link(groupID, userID, true);
      }
    },
    async removeMembers(groupID, members) {
      const group = groups.get(groupID);
      for (const userID of members) {
        group?.delete(userID);
        link(groupID, userID, false);
      }
    },
    async deleteGroup(groupID) {
      for (const userID of groups.get(groupID) ?? []) link(groupID, userID, false);
      groups.delete(groupID);
    },
    async getMembers(groupID) {
      const group = groups.get(groupID);
      return group && [...group];
    },
    async memberSet(groupID) {
      return groups.get(groupID);
    },
    async isMember(groupID, userID) {
      return groups.get(groupID)?.has(userID) ?? false;
    },
    async groupsOf(userID) {
      return [...(memberships.get(userID) ?? [])];
    },
  };
}
