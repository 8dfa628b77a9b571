import type { Invitation } from '../protocol/types.js';
import { deriveMyPart } from './deriveMyPart.js';
import type { RingkitState } from './RingkitState.js';
import { shareUsers } from './shareUsers.js';

/**
 * How many ended invitations the store keeps (like the client's mirror); the oldest go first.
 * @example Object.keys(store.getState().invitations).length <= MAX_ENDED_INVITATIONS + activeCount
 */
export const MAX_ENDED_INVITATIONS = 500;

/**
 * The version guard (STYLE.md pattern 2): stores `incoming` only when it is newer than the held
 * snapshot, so duplicates and reordering after a reconnect cannot flip the UI back. Returns the
 * same state object when nothing changed.
 * @example const next = replaceSnapshot(state, event.invitation)
 */
export function replaceSnapshot(state: RingkitState, incoming: Invitation): RingkitState {
  const held = state.invitations[incoming.inviteID];
  if (held && held.version >= incoming.version) return state;
  const invitation = shareUsers(held, incoming);
  const id = invitation.inviteID;
  const heldPart = state.parts[id];
  const part = deriveMyPart(invitation, state.userID, heldPart);
  const next: RingkitState = {
    ...state,
    invitations: { ...state.invitations, [id]: invitation },
    parts: part === heldPart ? state.parts : { ...state.parts, [id]: part },
  };
  return held ? next : pruneEnded(next);
}

/** Drops the oldest ended invitations beyond `MAX_ENDED_INVITATIONS`. */
function pruneEnded(state: RingkitState): RingkitState {
  const ended = Object.values(state.invitations).filter((i) => i.state === 'ended');
  if (ended.length <= MAX_ENDED_INVITATIONS) return state;
  ended.sort((a, b) => (a.endTime ?? a.createTime) - (b.endTime ?? b.createTime));
  const invitations = { ...state.invitations };
  const parts = { ...state.parts };
  for (const old of ended.slice(0, ended.length - MAX_ENDED_INVITATIONS)) {
    delete invitations[old.inviteID];
    delete parts[old.inviteID];
  }
  return { ...state, invitations, parts };
}
