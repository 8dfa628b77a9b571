import type { CommandPayload } from '../../protocol/commands.js';
import type { ErrorInvitee } from '../../protocol/wire.js';
import type { Actor } from '../actor.js';
import type { Draft } from '../Draft.js';
import { checkInvitees, checkTimeout } from '../validate.js';
import type { RuleContext } from './context.js';
import { isInCall, requireAcceptedParticipant, requireRoom } from './guards.js';
import { inviteUsers } from './inviteUsers.js';

/**
 * `callingInvite` by an accepted participant of an advanced call: new invitees ring with their
 * own timeout; users already pending or accepted (the caller too) come back in `errorInvitees`,
 * users in a terminal state are invited again.
 */
export async function callingInvite(
  draft: Draft,
  actor: Actor,
  params: CommandPayload<'invitation:callingInvite'>,
  data: string,
  ctx: RuleContext,
): Promise<ErrorInvitee[]> {
  requireAcceptedParticipant(draft, actor.userID, 'callingInvite');
  checkInvitees(params.invitees, ctx.limits.maxInvitees);
  const timeout = checkTimeout(params.timeout ?? draft.invitation.timeout, ctx.limits);
  const errorInvitees: ErrorInvitee[] = [];
  const fresh = params.invitees.filter((userID) => {
    const state = draft.user(userID)?.state;
    if (isInCall(state)) errorInvitees.push({ userID, code: 'INVALID_STATE', message: `${userID} is already ${state}` });
    return !isInCall(state);
  });
  if (fresh.length === 0) return errorInvitees;
  requireRoom(draft, fresh.length, ctx.limits.maxCallUsers);
  await inviteUsers(draft, actor, fresh, { timeout, data, busyPolicy: params.busyPolicy, actionType: 'callingInvite' }, ctx);
  return errorInvitees;
}
