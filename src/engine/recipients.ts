import { isTerminal, type Invitation } from '../protocol/types.js';
import type { GroupDirectory } from './groups.js';

/**
 * Whether the invitation is hidden from a user for good: an onlineUserOnly invitee who had no
 * device when invited is never told about it (not in updates, resync, lists or lookups).
 */
export function isUndelivered(inv: Invitation, userID: string): boolean {
  return inv.undelivered?.includes(userID) ?? false;
}

/** The users a change names: the inviter, the users it touched, and every user whose own state is not terminal. */
function namedIn(inv: Invitation, changed: Iterable<string>): Set<string> {
  const named = new Set<string>([inv.inviter, ...changed]);
  for (const u of inv.users) if (!isTerminal(u.state, inv.mode)) named.add(u.userID);
  return named;
}

/** `recipients` without the undelivered onlineUserOnly invitees (they are never told). */
function withoutUndelivered(inv: Invitation, recipients: Set<string>): Set<string> {
  for (const id of inv.undelivered ?? []) recipients.delete(id);
  return recipients;
}

/**
 * Who hears about a change (docs/protocol.md section 5): the inviter, every user whose own state is
 * not terminal, the users the change touched, and every member of the invitation's group —
 * never an undelivered onlineUserOnly invitee.
 */
async function recipientsOf(inv: Invitation, changed: Iterable<string>, groups: GroupDirectory): Promise<Set<string>> {
  const recipients = namedIn(inv, changed);
  if (inv.groupID) for (const id of (await groups.getMembers(inv.groupID)) ?? []) recipients.add(id);
  return withoutUndelivered(inv, recipients);
}

/**
 * `audienceOf` an invitation outside any group, found at once (no group directory to ask): the
 * users `recipientsOf` names.
 * @example const { recipients } = ungroupedAudience(inv, draft.changed)
 */
export function ungroupedAudience(inv: Invitation, changed: Iterable<string>): { recipients: Set<string>; recipientCount: number } {
  const recipients = withoutUndelivered(inv, namedIn(inv, changed));
  return { recipients, recipientCount: recipients.size };
}

/**
 * Who hears about a change, for the fan-out. Without group delivery: every recipient by name
 * (`recipientsOf`). With it, for a group invitation: the group as a whole plus only the
 * recipients who are not members (the inviter or an invitee who left the group), so a class of
 * 1,000 is one group delivery, not a thousand names. An invitation hidden from some members
 * (undelivered onlineUserOnly invitees) is always delivered by name.
 * @example const audience = await audienceOf(inv, draft.changed, groups, true)
 */
export async function audienceOf(
  inv: Invitation,
  changed: Iterable<string>,
  groups: GroupDirectory,
  viaGroup: boolean,
): Promise<{ recipients: Set<string>; groupID?: string; recipientCount: number }> {
  if (!viaGroup || inv.groupID === undefined || (inv.undelivered?.length ?? 0) > 0) {
    const recipients = await recipientsOf(inv, changed, groups);
    return { recipients, recipientCount: recipients.size };
  }
  // The directory's own set when it has one: a class's every commit used to copy its members twice (array, set).
  const members: ReadonlySet<string> = (groups.memberSet ? await groups.memberSet(inv.groupID) : new Set(await groups.getMembers(inv.groupID))) ?? new Set();
  // namedIn without its set of a thousand names: only the few outside the group are kept.
  const recipients = new Set<string>();
  const outside = (userID: string) => !members.has(userID) && recipients.add(userID);
  outside(inv.inviter);
  for (const userID of changed) outside(userID);
  // An index loop: this one runs on every commit of a class, and its for-of allocated an iterator result per user here.
  const users = inv.users;
  for (let i = 0; i < users.length; i++) if (!isTerminal(users[i]!.state, inv.mode)) outside(users[i]!.userID);
  return { recipients, groupID: inv.groupID, recipientCount: members.size + recipients.size };
}

/**
 * Whether a user may see an invitation at all: inviter, listed user, or member of its group
 * (an undelivered onlineUserOnly invitee may not). Everyone else gets INVITATION_NOT_FOUND.
 * `isListed` answers "is this user in `users`" (a draft passes its indexed lookup).
 * @example if (!(await canSee(inv, session.userID, groups))) fail('INVITATION_NOT_FOUND', 'no such invitation')
 */
export async function canSee(
  inv: Invitation,
  userID: string,
  groups: GroupDirectory,
  isListed: (userID: string) => boolean = (id) => inv.users.some((u) => u.userID === id),
): Promise<boolean> {
  if (isUndelivered(inv, userID)) return false;
  if (inv.inviter === userID || isListed(userID)) return true;
  return inv.groupID !== undefined && (await groups.isMember(inv.groupID, userID));
}

/** Whether the user currently receives notifications of the invitation (for resync). */
export async function isRecipient(inv: Invitation, userID: string, groups: GroupDirectory): Promise<boolean> {
  if (isUndelivered(inv, userID)) return false;
  if (inv.inviter === userID) return true;
  const user = inv.users.find((u) => u.userID === userID);
  if (user && !isTerminal(user.state, inv.mode)) return true;
  return inv.groupID !== undefined && (await groups.isMember(inv.groupID, userID));
}
