import { isPending } from '../../protocol/types.js';
import type { CommandPayload } from '../../protocol/schemas.js';
import type { ErrorInvitee } from '../../protocol/wire.js';
import type { Actor } from '../actor.js';
import type { Draft } from '../Draft.js';
import { fail } from '../fail.js';
import { checkInvitees, checkTimeout } from '../validate.js';
import type { RuleContext } from './context.js';
import { requireAcceptedParticipant } from './guards.js';
import { inviteUsers } from './inviteUsers.js';

/**
 * `callingInvite` by an accepted participant of an advanced call: new invitees ring with their
 * own timeout; users already pending or accepted come back in `errorInvitees`.
 */
export async function callingInvite(
  draft: Draft,
  actor: Actor,
  params: CommandPayload<'invitation:callingInvite'>,
  data: string,
  ctx: RuleContext,
): Promise<ErrorInvitee[]> {
  requireAcceptedParticipant(draft, actor.userID, 'callingInvite');
  checkInvitees(params.invitees, actor.userID, ctx.limits.maxInvitees);
  const timeout = checkTimeout(params.timeout ?? draft.invitation.timeout, ctx.limits);
  const errorInvitees: ErrorInvitee[] = [];
  const fresh = params.invitees.filter((userID) => {
    const state = draft.user(userID)?.state;
    const inCall = state !== undefined && (state === 'accepted' || isPending(state));
    if (inCall) errorInvitees.push({ userID, code: 'INVALID_STATE', message: `${userID} is already ${state}` });
    return !inCall;
  });
  if (fresh.length === 0) return errorInvitees;
  const inCall = draft.invitation.users.filter((u) => u.state === 'accepted' || isPending(u.state)).length;
  if (inCall + fresh.length > ctx.limits.maxCallUsers) fail('CALL_USER_LIMIT', `a call holds at most ${ctx.limits.maxCallUsers} users`);
  await inviteUsers(draft, actor, fresh, { timeout, data, busyPolicy: params.busyPolicy, actionType: 'callingInvite' }, ctx);
  return errorInvitees;
}
