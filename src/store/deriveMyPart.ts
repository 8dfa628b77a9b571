import type { Invitation } from '../protocol/types.js';
import type { MyPart } from './RingkitState.js';

/**
 * My role and state in one invitation; returns `previous` when nothing differs, so stored
 * references stay stable.
 * @example deriveMyPart(invitation, 'bob') // { role: 'invitee', state: 'received' }
 */
export function deriveMyPart(invitation: Invitation, userID: string, previous?: MyPart): MyPart {
  const state = invitation.users.find((u) => u.userID === userID)?.state;
  const role = invitation.inviter === userID ? 'inviter' : state === undefined ? 'member' : 'invitee';
  if (previous && previous.role === role && previous.state === state) return previous;
  return { role, state };
}
