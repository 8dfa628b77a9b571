import type { EndReason } from '../protocol/types.js';
import { isPending } from '../protocol/types.js';
import type { Draft } from './Draft.js';

/**
 * Ends an active invitation whose life is over after an operation: normal mode when nobody is
 * pending (`reason` says what happened last), advanced mode when nobody is accepted or pending.
 */
export function settle(draft: Draft, reason: EndReason, by: string, data: string): void {
  const inv = draft.invitation;
  if (inv.state !== 'active') return;
  if (inv.mode === 'normal') {
    if (!inv.users.some((u) => isPending(u.state))) draft.end(reason, by, data);
  } else if (!inv.users.some((u) => u.state === 'accepted' || isPending(u.state))) {
    draft.end('empty', by, data);
  }
}
