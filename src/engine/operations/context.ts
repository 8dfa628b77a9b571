import type { RingkitLimits } from '../../protocol/limits.js';

/** What rules may ask the engine while deciding (all async: the answers may live in Redis). */
export interface RuleContext {
  limits: RingkitLimits;
  /** Whether the user is busy: a device marked busy by the app, or accepted in another active advanced call. */
  isBusy(userID: string, exceptInviteID?: string): Promise<boolean>;
  isGroupMember(groupID: string, userID: string): Promise<boolean>;
  /** The subset of `userIDs` with at least one connected device. */
  onlineAmong(userIDs: string[]): Promise<Set<string>>;
}
