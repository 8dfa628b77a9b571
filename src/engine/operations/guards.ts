import type { CallUser, CallUserState } from '../../protocol/types.js';
import { isPending } from '../../protocol/types.js';
import type { Draft } from '../Draft.js';
import { fail } from '../fail.js';
import { isOverdue } from '../timing.js';

/** INVALID_STATE unless the invitation is still active. */
export function requireActive(draft: Draft): void {
  if (draft.invitation.state !== 'active') fail('INVALID_STATE', 'the invitation has ended');
}

/** INVALID_STATE for normal-mode invitations, then requires it active. */
export function requireActiveCall(draft: Draft, operation: string): void {
  if (draft.invitation.mode !== 'advanced') fail('INVALID_STATE', `${operation} needs an advanced-mode call`);
  requireActive(draft);
}

/** The caller's own pending entry (accept and reject), or the matching error. */
export function requirePendingInvitee(draft: Draft, userID: string): CallUser {
  const user = draft.user(userID);
  const isInvitee = user !== undefined && (userID !== draft.invitation.inviter || isPending(user.state));
  if (!isInvitee) fail('NO_PERMISSION', 'only invitees may answer');
  requireActive(draft);
  if (!isPending(user.state)) fail('INVALID_STATE', `you are ${user.state}`);
  if (isOverdue(user, draft.now)) fail('INVALID_STATE', 'the invitation has timed out');
  return user;
}

/** The caller's accepted entry in an active advanced call (callingInvite, quit, end). */
export function requireAcceptedParticipant(draft: Draft, userID: string, operation: string): CallUser {
  requireActiveCall(draft, operation);
  const user = draft.user(userID);
  if (!user) fail('NO_PERMISSION', `only participants may ${operation}`);
  if (user.state !== 'accepted') fail('INVALID_STATE', `you are ${user.state}`);
  return user;
}

/** NO_PERMISSION unless the caller is the inviter. */
export function requireInviter(draft: Draft, userID: string, operation: string): void {
  if (draft.invitation.inviter !== userID) fail('NO_PERMISSION', `only the inviter may ${operation}`);
}

/** Whether a user in this state counts against `maxCallUsers` (accepted or pending). */
export function isInCall(state: CallUserState | undefined): boolean {
  return state !== undefined && (state === 'accepted' || isPending(state));
}

/** CALL_USER_LIMIT unless `extra` more users fit in the call. */
export function requireRoom(draft: Draft, extra: number, maxCallUsers: number): void {
  const inCall = draft.pendingCount() + draft.acceptedCount();
  if (inCall + extra > maxCallUsers) fail('CALL_USER_LIMIT', `a call holds at most ${maxCallUsers} users`);
}
