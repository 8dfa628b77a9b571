import type { SignalingClient } from '../../client/SignalingClient.js';
import type { Invitation } from '../../protocol/types.js';
import { selectInvitation } from '../../store/selectors/selectInvitation.js';
import { useRingkitStore } from './useRingkitStore.js';

/**
 * The live snapshot of one invitation (undefined until the store holds it); re-renders only when
 * that invitation changes.
 * @example
 * const invitation = useInvitation(inviteID)
 * return <p>{invitation?.state} · version {invitation?.version}</p>
 */
export function useInvitation(inviteID: string | null | undefined, client?: SignalingClient): Invitation | undefined {
  return useRingkitStore((s) => selectInvitation(s, inviteID), client);
}
