import { isPending } from '../../protocol/types.js';
import type { ErrorInvitee } from '../../protocol/wire.js';
import type { Actor } from '../actor.js';
import type { Draft } from '../Draft.js';
import { fail } from '../fail.js';
import { settle } from '../settle.js';
import { requireActive, requireInviter } from './guards.js';

/**
 * `cancel` by the inviter: the targeted pending invitees (default: all pending) → cancelled.
 * Targets that are not pending come back in `errorInvitees`.
 */
export function cancel(draft: Draft, actor: Actor, data: string, invitees?: string[]): ErrorInvitee[] {
  requireInviter(draft, actor.userID, 'cancel');
  requireActive(draft);
  const inv = draft.invitation;
  const targets = invitees ?? draft.pendingUsers().map((u) => u.userID);
  const errorInvitees: ErrorInvitee[] = [];
  const cancelled = targets.filter((userID) => {
    const user = draft.user(userID);
    const ok = user !== undefined && isPending(user.state);
    if (!ok) errorInvitees.push({ userID, code: 'INVALID_STATE', message: user ? `${userID} is ${user.state}` : `${userID} was not invited` });
    return ok;
  });
  if (cancelled.length === 0) fail('INVALID_STATE', 'no targeted invitee is pending');
  for (const userID of cancelled) draft.setUser(userID, 'cancelled', { data, deviceID: actor.deviceID });
  draft.record({ actionType: 'cancel', sender: inv.inviter, inviteeList: cancelled, data });
  settle(draft, 'cancelled', actor.userID, data);
  return errorInvitees;
}
