import type { SignalingClient } from '../../client/SignalingClient.js';
import type { CallUser } from '../../protocol/types.js';
import { selectCallUser } from '../../store/selectors/selectCallUser.js';
import { useRingkitStore } from './useRingkitStore.js';

/**
 * One user of an invitation. Re-renders only when that user changes, not when any other user of
 * the same (say 500-user) invitation does.
 * @example
 * const student = useCallUser(roundID, 'student-7')
 * return <li data-rk-state={student?.state}>student-7</li>
 */
export function useCallUser(inviteID: string | null | undefined, userID: string, client?: SignalingClient): CallUser | undefined {
  return useRingkitStore((s) => selectCallUser(s, inviteID, userID), client);
}
