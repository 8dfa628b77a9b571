import type { Actor } from '../actor.js';
import type { Draft } from '../Draft.js';
import { settle } from '../settle.js';
import { requirePendingInvitee } from './guards.js';

/**
 * `accept` or `reject` by an invitee: their own pending state → accepted/rejected; the device
 * that accepted becomes the primary device.
 */
export function answer(draft: Draft, actor: Actor, state: 'accepted' | 'rejected', data: string): void {
  requirePendingInvitee(draft, actor.userID);
  draft.setUser(actor.userID, state, { data, deviceID: actor.deviceID });
  draft.record({ actionType: state === 'accepted' ? 'accept' : 'reject', sender: actor.userID, inviteeList: [actor.userID], data });
  settle(draft, 'allAnswered', actor.userID, data);
}
