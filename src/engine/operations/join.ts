import type { Actor } from '../actor.js';
import type { Draft } from '../Draft.js';
import { fail } from '../fail.js';
import type { RuleContext } from './context.js';
import { isInCall, requireActiveCall, requireRoom } from './guards.js';

/**
 * `join` by a listed user (any state) or a group member: → accepted on this device, which
 * becomes primary. The primary device joining again → ALREADY_PRIMARY_DEVICE; another device of
 * an accepted user takes over.
 */
export function join(draft: Draft, actor: Actor, data: string, ctx: RuleContext): void {
  requireActiveCall(draft, 'join');
  const user = draft.user(actor.userID);
  if (user?.state === 'accepted' && user.deviceID === actor.deviceID) fail('ALREADY_PRIMARY_DEVICE', 'this device is already in the call');
  if (!isInCall(user?.state)) requireRoom(draft, 1, ctx.limits.maxCallUsers);
  draft.setUser(actor.userID, 'accepted', { data, deviceID: actor.deviceID, timeout: user?.timeout ?? 0 });
  draft.record({ actionType: 'join', sender: actor.userID, inviteeList: [actor.userID], data });
}
