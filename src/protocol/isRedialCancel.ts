import { parseJSONObject } from './parseJSONObject.js';
import type { CallUser } from './types.js';

/**
 * The data of a cancel that replaces a call by a newer one to the same person (a redial): ringkit's
 * React layer sends it when `useCall().call` or `useInvite().invite` calls someone again while my
 * earlier call to them still rings, so the callee's side can tell "called again" from "hung up".
 * @example await client.cancel(oldID, { data: REDIAL_DATA })
 */
export const REDIAL_DATA = JSON.stringify({ reason: 'redial' });

/**
 * Whether a user's cancelled state comes from a redial (data a JSON object with `"reason": "redial"`,
 * e.g. `REDIAL_DATA`): a newer call from the same caller replaced this one.
 * @example if (isRedialCancel(me)) return // the newer call rings instead: nothing to announce
 */
export function isRedialCancel(user: Pick<CallUser, 'state' | 'data'>): boolean {
  return user.state === 'cancelled' && parseJSONObject(user.data)?.reason === 'redial';
}
