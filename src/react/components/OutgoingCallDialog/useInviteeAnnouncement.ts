import { useEffect, useRef, useState } from 'react';
import type { CallUser } from '../../../protocol/types.js';
import { inviteeStatus, type InviteeStatus } from '../../data/inviteeStatus.js';
import type { CommonLabels } from '../../labels/commonLabels.js';
import type { DisplayUser } from '../../context/RingkitUsersProvider.js';
import type { OutgoingCallDialogLabels } from '../../labels/outgoingCallDialogLabels.js';

/**
 * The text of the dialog's polite live region: each invitee whose state changed since the last
 * render, e.g. "Bob: delivered, ringing. Carol: Declined". Empty until something changes (the
 * dialog's name already says whom it calls).
 * @example const text = useInviteeAnnouncement(call.invitees, labels, common, displayUser)
 */
export function useInviteeAnnouncement(
  invitees: readonly CallUser[],
  labels: OutgoingCallDialogLabels,
  common: CommonLabels,
  displayUser: (userID: string) => DisplayUser,
): string {
  const seen = useRef<ReadonlyMap<string, InviteeStatus> | null>(null);
  const [text, setText] = useState('');
  useEffect(() => {
    const now = new Map(invitees.map((u) => [u.userID, inviteeStatus(u)]));
    const before = seen.current;
    seen.current = now;
    if (!before) return;
    const said = [...now]
      .filter(([userID, status]) => before.get(userID) !== status)
      .map(([userID, status]) => {
        const state = status === 'received' ? labels.delivered : status === 'busy' ? labels.busy : common.states[status];
        return labels.announce(displayUser(userID).name, state);
      });
    if (said.length > 0) setText(said.join('. '));
  }, [invitees, labels, common, displayUser]);
  return text;
}
