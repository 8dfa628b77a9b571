import type { InvitationSnapshot } from '../client/putSnapshot.js';
import { deriveMyPart } from './deriveMyPart.js';
import type { MyPart, RingkitState } from './RingkitState.js';

/**
 * The state holding `invitations`, the client's snapshot record itself (not a copy), with my part
 * re-derived for the invitations whose reference changed and dropped for those no longer there.
 * Returns the same state when the record is the one held.
 * @example store.setState((s) => withSnapshot(s, client.getSnapshot()), true)
 */
export function withSnapshot(state: RingkitState, invitations: InvitationSnapshot): RingkitState {
  if (state.invitations === invitations) return state;
  const parts: Record<string, MyPart> = {};
  let changed = false;
  for (const id in invitations) {
    const held = state.parts[id];
    const part = held && state.invitations[id] === invitations[id] ? held : deriveMyPart(invitations[id]!, state.userID, held);
    parts[id] = part;
    if (part !== held) changed = true;
  }
  if (!changed) for (const id in state.parts) if (!(id in invitations)) changed = true;
  return { ...state, invitations, parts: changed ? parts : state.parts };
}
