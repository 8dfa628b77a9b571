/**
 * The group directory the engine consults (docs/protocol.md section 9). Apps may plug in their own.
 * @example const groups: GroupDirectory = createMemoryGroupDirectory()
 */
export interface GroupDirectory {
  /** Creates a group (or adds to it when it exists). */
  createGroup(groupID: string, members: string[]): Promise<void>;
  addMembers(groupID: string, members: string[]): Promise<void>;
  removeMembers(groupID: string, members: string[]): Promise<void>;
  deleteGroup(groupID: string): Promise<void>;
  /** Members of a group, or undefined when there is no such group. */
  getMembers(groupID: string): Promise<string[] | undefined>;
  isMember(groupID: string, userID: string): Promise<boolean>;
  /**
   * Optional: the members as a set the directory keeps anyway (undefined when there is no such
   * group), read-only and read at once by the caller, so that a class's every change does not
   * copy its thousand members into a new set (the memory directory has it).
   */
  memberSet?(groupID: string): Promise<ReadonlySet<string> | undefined>;
  /** Groups the user belongs to. */
  groupsOf(userID: string): Promise<string[]>;
}
