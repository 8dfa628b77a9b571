import type { SignalingActionType } from '../../protocol/types.js';
import type { Actor } from '../actor.js';
import type { Draft } from '../Draft.js';
import { deadlineOf } from '../timing.js';
import { BUSY_DATA } from '../../protocol/isBusyRejection.js';
import type { RuleContext } from './context.js';

/**
 * Puts invitees into `inviting` with their own deadline, or straight into `rejected` (data
 * `{"reason":"busy"}`) when `busyPolicy` is 'reject' and they are busy. In an onlineUserOnly
 * invitation, invitees with no connected device are recorded as `undelivered`.
 */
export async function inviteUsers(
  draft: Draft,
  actor: Actor,
  invitees: string[],
  options: { timeout: number; data: string; busyPolicy?: 'ring' | 'reject' | undefined; actionType: SignalingActionType },
  ctx: RuleContext,
): Promise<void> {
  const busy =
    options.busyPolicy === 'reject'
      ? await Promise.all(invitees.map((id) => ctx.isBusy(id, draft.invitation.inviteID)))
      : invitees.map(() => false);
  if (draft.invitation.onlineUserOnly) {
    // Invited again (callingInvite) while online, a user hears of it from now on; offline, not.
    const online = await ctx.onlineAmong(invitees);
    const undelivered = [...(draft.invitation.undelivered ?? []).filter((id) => !invitees.includes(id)), ...invitees.filter((id) => !online.has(id))];
    if (undelivered.length > 0) draft.invitation.undelivered = undelivered;
    else delete draft.invitation.undelivered;
  }
  const deadline = deadlineOf(draft.now, options.timeout);
  for (const userID of invitees) {
    draft.setUser(userID, 'inviting', { timeout: options.timeout, ...(deadline !== undefined && { deadline }) });
  }
  draft.record({ actionType: options.actionType, sender: actor.userID, inviteeList: invitees, data: options.data });
  for (const userID of invitees.filter((_, i) => busy[i])) {
    draft.setUser(userID, 'rejected', { data: BUSY_DATA, reason: 'busy' });
    draft.record({ actionType: 'reject', sender: userID, inviteeList: [userID], data: BUSY_DATA });
  }
}
