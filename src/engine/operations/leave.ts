import type { Actor } from '../actor.js';
import type { Draft } from '../Draft.js';
import { settle } from '../settle.js';
import { requireAcceptedParticipant } from './guards.js';

/** `quit` by an accepted participant: → quit; the call ends (`empty`) when nobody is left. */
export function quit(draft: Draft, actor: Actor, data: string): void {
  requireAcceptedParticipant(draft, actor.userID, 'quit');
  draft.setUser(actor.userID, 'quit', { data, deviceID: actor.deviceID });
  draft.record({ actionType: 'quit', sender: actor.userID, inviteeList: [actor.userID], data });
  settle(draft, 'empty', actor.userID, data);
}

/** `end` by an accepted participant: the call ends for everyone; user states stay as they are. */
export function end(draft: Draft, actor: Actor, data: string): void {
  requireAcceptedParticipant(draft, actor.userID, 'end');
  const others = draft.invitation.users.map((u) => u.userID).filter((id) => id !== actor.userID);
  draft.record({ actionType: 'end', sender: actor.userID, inviteeList: others, data });
  draft.end('ended', actor.userID, data);
}
