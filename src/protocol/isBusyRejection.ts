import { parseJSONObject } from './parseJSONObject.js';
import type { CallUser } from './types.js';

/**
 * The data of a rejection for being busy, the one wire value for it: the server writes it when
 * `busyPolicy: 'reject'` turns an invitee away, and a client sends it when it declines as busy.
 * @example await client.reject(inviteID, { data: BUSY_DATA })
 */
export const BUSY_DATA = JSON.stringify({ reason: 'busy' });

/**
 * Whether a user rejected because they were busy: the server's busy policy (reason `busy`), or a
 * rejection whose data is a JSON object with `"reason": "busy"` (e.g. `BUSY_DATA`).
 * @example isBusyRejection(user) // true for { state: 'rejected', reason: 'busy' }
 */
export function isBusyRejection(user: Pick<CallUser, 'state' | 'data' | 'reason'>): boolean {
  return user.state === 'rejected' && (user.reason === 'busy' || parseJSONObject(user.data)?.reason === 'busy');
}
