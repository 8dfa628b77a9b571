import { isBusyRejection } from '../../protocol/isBusyRejection.js';
import { isPending, type CallUser, type CallUserState } from '../../protocol/types.js';

/**
 * What an outgoing call shows for one invitee: their `CallUserState`, or `'busy'` for a rejection
 * made because they were in another call (reason `busy`, or reject data `{"reason":"busy"}`).
 * @example const s: InviteeStatus = 'busy'
 */
export type InviteeStatus = CallUserState | 'busy';

/**
 * The `InviteeStatus` of a user.
 * @example inviteeStatus({ state: 'received', data: '' }) // 'received'
 */
export function inviteeStatus(user: Pick<CallUser, 'state' | 'data' | 'reason'>): InviteeStatus {
  return isBusyRejection(user) ? 'busy' : user.state;
}

/**
 * Where a user sorts in a participant list: accepted first, then pending, then ended.
 * @example participantGroup('received') // 1
 */
export function participantGroup(state: CallUserState): 0 | 1 | 2 {
  if (state === 'accepted') return 0;
  return isPending(state) ? 1 : 2;
}
