import type { Actor } from '../actor.js';
import type { Draft } from '../Draft.js';
import { fail } from '../fail.js';
import { requireActive, requireInviter } from './guards.js';

/** `modify` by the inviter: replaces the invitation's data. */
export function modify(draft: Draft, actor: Actor, data: string): void {
  requireInviter(draft, actor.userID, 'modify');
  requireActive(draft);
  if (draft.invitation.onlineUserOnly) fail('INVALID_STATE', 'an onlineUserOnly invitation cannot be modified');
  draft.invitation.data = data;
  const others = draft.invitation.users.map((u) => u.userID).filter((id) => id !== actor.userID);
  draft.record({ actionType: 'modify', sender: actor.userID, inviteeList: others, data });
}
