import { useShallow } from 'zustand/react/shallow';
import type { SignalingClient } from '../../client/SignalingClient.js';
import type { CallUser, CallUserState } from '../../protocol/types.js';
import { selectUserCounts } from '../../store/selectors/selectUserCounts.js';
import { useRingkitStore } from './useRingkitStore.js';

/**
 * What `useCallUsers` returns.
 * @example const { users, counts }: UseCallUsersResult = useCallUsers(inviteID)
 */
export interface UseCallUsersResult {
  /** The users in the order the server lists them (the order they were invited; the inviter first in advanced mode). */
  users: readonly CallUser[];
  /** How many users are in each state. */
  counts: Readonly<Record<CallUserState, number>>;
}

const NO_USERS: readonly CallUser[] = [];

/**
 * The users of an invitation with their states, plus counts by state. Re-renders when a user of
 * this invitation changes, never for other invitations. To show one user of a large call, use
 * `useCallUser`.
 * @example
 * const { users, counts } = useCallUsers(inviteID)
 * return <p>{counts.accepted} joined, {counts.received + counts.inviting} ringing of {users.length}</p>
 */
export function useCallUsers(inviteID: string | null | undefined, client?: SignalingClient): UseCallUsersResult {
  return useRingkitStore(
    useShallow((s) => {
      const users = (inviteID ? s.invitations[inviteID]?.users : undefined) ?? NO_USERS;
      return { users, counts: selectUserCounts(users) };
    }),
    client,
  );
}
