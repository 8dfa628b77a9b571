import type { CommandPayload } from '../../protocol/commands.js';
import type { Invitation } from '../../protocol/types.js';
import type { ErrorInvitee } from '../../protocol/wire.js';
import type { Actor } from '../actor.js';
import { Draft } from '../Draft.js';
import { fail } from '../fail.js';
import { settle } from '../settle.js';
import { checkData, checkInvitees, checkTimeout } from '../validate.js';
import type { RuleContext } from './context.js';
import { requireRoom } from './guards.js';
import { inviteUsers } from './inviteUsers.js';

type InviteParams = CommandPayload<'invitation:invite'> & { groupID?: string };

/**
 * Builds a new invitation for `invite` and `inviteInGroup` (docs/protocol.md section 4).
 * Returns the draft (version 1) and the invitees that were skipped.
 */
export async function createInvitation(
  inviteID: string,
  actor: Actor,
  params: InviteParams,
  ctx: RuleContext,
  now: number,
): Promise<{ draft: Draft; errorInvitees: ErrorInvitee[] }> {
  const { limits } = ctx;
  const group = params.groupID;
  checkInvitees(params.invitees, group ? limits.maxGroupInvitees : limits.maxInvitees, actor.userID);
  const timeout = checkTimeout(params.timeout, limits);
  const data = checkData(params.data, limits);
  const mode = params.mode ?? 'normal';

  const errorInvitees: ErrorInvitee[] = [];
  let invitees = params.invitees;
  if (group) {
    if (!(await ctx.isGroupMember(group, actor.userID))) fail('NOT_GROUP_MEMBER', `you are not a member of ${group}`);
    const membership = await Promise.all(invitees.map((id) => ctx.isGroupMember(group, id)));
    invitees = invitees.filter((id, i) => {
      if (!membership[i]) errorInvitees.push({ userID: id, code: 'NOT_GROUP_MEMBER', message: `not a member of ${group}` });
      return membership[i];
    });
    if (invitees.length === 0) fail('NO_VALID_INVITEE', 'no invitee is a member of the group');
  }
  const empty: Invitation = {
    inviteID,
    mode,
    inviter: actor.userID,
    inviterDeviceID: actor.deviceID,
    data,
    timeout,
    onlineUserOnly: params.onlineUserOnly ?? false,
    enableNotReceivedCheck: params.enableNotReceivedCheck ?? false,
    createTime: now,
    state: 'active',
    version: 0,
    users: [],
  };
  if (group) empty.groupID = group;
  if (params.offlinePushInfo) empty.offlinePushInfo = params.offlinePushInfo;

  const draft = new Draft(empty, now);
  if (mode === 'advanced') {
    draft.setUser(actor.userID, 'accepted', { deviceID: actor.deviceID, timeout: 0 });
    requireRoom(draft, invitees.length, limits.maxCallUsers);
  }
  await inviteUsers(draft, actor, invitees, { timeout, data, busyPolicy: params.busyPolicy, actionType: 'invite' }, ctx);
  settle(draft, 'allAnswered', actor.userID, '');
  return { draft, errorInvitees };
}
