import type { CallUser } from '../../protocol/types.js';
import type { RingkitState } from '../RingkitState.js';

const indexes = new WeakMap<readonly CallUser[], Map<string, CallUser>>();

/**
 * One user of an invitation. Users keep their object while their own state is unchanged (the
 * store shares structure between snapshots), so reading one user of a large call re-renders only
 * when that user changes.
 * @example selectCallUser(store.getState(), inviteID, 'student-7')?.state
 */
export function selectCallUser(state: RingkitState, inviteID: string | null | undefined, userID: string): CallUser | undefined {
  const users = inviteID ? state.invitations[inviteID]?.users : undefined;
  if (!users) return undefined;
  let index = indexes.get(users);
  if (!index) indexes.set(users, (index = new Map(users.map((u) => [u.userID, u]))));
  return index.get(userID);
}
