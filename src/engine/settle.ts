import type { EndReason } from '../protocol/types.js';
import type { Draft } from './Draft.js';

/**
 * Ends an active invitation whose life is over after an operation: normal mode when nobody is
 * pending (`reason` says what happened last), advanced mode when nobody is accepted or pending.
 */
export function settle(draft: Draft, reason: EndReason, by: string, data: string): void {
  const inv = draft.invitation;
  if (inv.state !== 'active') return;
  if (inv.mode === 'normal') {
    if (draft.pendingCount() === 0) draft.end(reason, by, data);
  } else if (draft.pendingCount() + draft.acceptedCount() === 0) {
    draft.end('empty', by, data);
  }
}
