import { useShallow } from 'zustand/react/shallow';
import type { SignalingClient } from '../../client/SignalingClient.js';
import type { Invitation, InvitationMode } from '../../protocol/types.js';
import type { InvitationRole } from '../../store/RingkitState.js';
import { selectActiveInvitations } from '../../store/selectors/selectActiveInvitations.js';
import { useRingkitStore } from './useRingkitStore.js';

/**
 * Narrows `useActiveInvitations`; every field given must match.
 * @example const rounds = useActiveInvitations({ mode: 'normal', role: 'inviter', groupID: 'class-1' })
 */
export interface ActiveInvitationsFilter {
  mode?: InvitationMode;
  /** My role in it. */
  role?: InvitationRole;
  groupID?: string;
}

/**
 * Every active invitation I am involved in (or watch through a group), oldest first, as a stable
 * array: the same reference until the filtered list itself changes.
 * @example
 * const calls = useActiveInvitations({ mode: 'advanced' })
 * return <ul>{calls.map((c) => <li key={c.inviteID}>{c.inviter}</li>)}</ul>
 */
export function useActiveInvitations(filter: ActiveInvitationsFilter = {}, client?: SignalingClient): readonly Invitation[] {
  const { mode, role, groupID } = filter;
  return useRingkitStore(
    useShallow((s) =>
      selectActiveInvitations(s).filter(
        (i) =>
          (mode === undefined || i.mode === mode) &&
          (groupID === undefined || i.groupID === groupID) &&
          (role === undefined || s.parts[i.inviteID]?.role === role),
      ),
    ),
    client,
  );
}
