import type { Draft } from './Draft.js';
import type { StopRingingReason } from './push.js';

/**
 * Users for whom a change ended ringing, by why: pending before it and answered (`answered`),
 * cancelled or timed out (`missed`), or still pending in an invitation that ended (`ended`).
 */
export function stoppedRinging(draft: Draft): Map<StopRingingReason, string[]> {
  const inv = draft.invitation;
  const byReason = new Map<StopRingingReason, string[]>();
  const ids = inv.state === 'ended' ? inv.users.map((u) => u.userID) : [...draft.changed];
  for (const id of ids) {
    if (!draft.wasPending(id)) continue;
    const state = draft.user(id)!.state;
    const reason: StopRingingReason | undefined =
      state === 'accepted' || state === 'rejected' ? 'answered' : state === 'cancelled' || state === 'timeout' ? 'missed' : inv.state === 'ended' ? 'ended' : undefined;
    if (!reason) continue;
    const list = byReason.get(reason) ?? [];
    list.push(id);
    byReason.set(reason, list);
  }
  return byReason;
}
