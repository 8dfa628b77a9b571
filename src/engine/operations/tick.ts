import type { Draft } from '../Draft.js';
import { settle } from '../settle.js';
import { isNotReceivedDue, isOverdue } from '../timing.js';

/**
 * Applies what is due at `draft.now`: pending invitees past their deadline → timeout (all in
 * one change), and with `enableNotReceivedCheck`, unacknowledged invitees → notYetReceived.
 * Returns false when nothing was due.
 */
export function tick(draft: Draft, notReceivedCheckMs: number): boolean {
  const inv = draft.invitation;
  if (inv.state !== 'active') return false;
  const timedOut = draft.pendingUsers().filter((u) => isOverdue(u, draft.now));
  const unacknowledged = inv.enableNotReceivedCheck
    ? draft.usersIn('inviting').filter((u) => isNotReceivedDue(u, draft.now, notReceivedCheckMs) && !timedOut.includes(u))
    : [];
  for (const u of timedOut) draft.setUser(u.userID, 'timeout');
  for (const u of unacknowledged) draft.setUser(u.userID, 'notYetReceived');
  if (timedOut.length > 0) {
    draft.record({ actionType: 'timeout', sender: inv.inviter, inviteeList: timedOut.map((u) => u.userID), data: '' });
    settle(draft, 'timeout', inv.inviter, '');
  }
  return timedOut.length + unacknowledged.length > 0;
}
