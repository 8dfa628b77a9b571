import type { SignalingActionType } from '../../protocol/types.js';
import type { Actor } from '../actor.js';
import type { Draft } from '../Draft.js';
import { deadlineOf } from '../timing.js';
import { BUSY_DATA, type RuleContext } from './context.js';

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
    const online = await ctx.onlineAmong(invitees);
    const offline = invitees.filter((id) => !online.has(id));
    if (offline.length > 0) draft.invitation.undelivered = [...(draft.invitation.undelivered ?? []), ...offline];
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
