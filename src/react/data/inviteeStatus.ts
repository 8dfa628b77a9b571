import { isPending, type CallUser, type CallUserState } from '../../protocol/types.js';
import { parseJSONObject } from './callData.js';

/**
 * What an outgoing call shows for one invitee: their `CallUserState`, or `'busy'` for a rejection
 * made because they were in another call (reason `busy`, or reject data `{"reason":"busy"}`).
 * @example const s: InviteeStatus = 'busy'
 */
export type InviteeStatus = CallUserState | 'busy';

/**
 * Whether a user rejected because they were busy (the server's busy policy, or an app's
 * `reject({ data: '{"reason":"busy"}' })`).
 * @example isBusyRejection(user) // true for { state: 'rejected', reason: 'busy' }
 */
export function isBusyRejection(user: Pick<CallUser, 'state' | 'data' | 'reason'>): boolean {
  return user.state === 'rejected' && (user.reason === 'busy' || parseJSONObject(user.data)?.reason === 'busy');
}

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
