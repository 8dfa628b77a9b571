import { isPending, type Invitation } from '../../protocol/types.js';
import type { Draft } from '../Draft.js';
import { settle } from '../settle.js';

/**
 * Applies what is due at `draft.now`: pending invitees past their deadline → timeout (all in
 * one change), and with `enableNotReceivedCheck`, unacknowledged invitees → notYetReceived.
 * Returns false when nothing was due.
 */
export function tick(draft: Draft, notReceivedCheckMs: number): boolean {
  const inv = draft.invitation;
  if (inv.state !== 'active') return false;
  const timedOut = draft.pendingUsers().filter((u) => u.deadline !== undefined && u.deadline <= draft.now);
  const unacknowledged = inv.enableNotReceivedCheck
    ? draft.usersIn('inviting').filter((u) => u.updateTime + notReceivedCheckMs <= draft.now && !timedOut.includes(u))
    : [];
  for (const u of timedOut) draft.setUser(u.userID, 'timeout');
  for (const u of unacknowledged) draft.setUser(u.userID, 'notYetReceived');
  if (timedOut.length > 0) {
    draft.record({ actionType: 'timeout', sender: inv.inviter, inviteeList: timedOut.map((u) => u.userID), data: '' });
    settle(draft, 'timeout', inv.inviter, '');
  }
  return timedOut.length + unacknowledged.length > 0;
}

/** When the invitation next needs a tick, or null. */
export function nextTickAt(inv: Invitation, notReceivedCheckMs: number): number | null {
  if (inv.state !== 'active') return null;
  let next: number | null = null;
  const consider = (t: number) => {
    if (next === null || t < next) next = t;
  };
  for (const u of inv.users) {
    if (!isPending(u.state)) continue;
    if (u.deadline !== undefined) consider(u.deadline);
    if (inv.enableNotReceivedCheck && u.state === 'inviting') consider(u.updateTime + notReceivedCheckMs);
  }
  return next;
}
