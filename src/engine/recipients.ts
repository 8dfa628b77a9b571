import { isTerminal, type Invitation } from '../protocol/types.js';
import type { GroupDirectory } from './groups.js';

/**
 * Whether the invitation is hidden from a user for good: an onlineUserOnly invitee who had no
 * device when invited is never told about it (not in updates, resync, lists or lookups).
 */
export function isUndelivered(inv: Invitation, userID: string): boolean {
  return inv.undelivered?.includes(userID) ?? false;
}

/**
 * Who hears about a change (PROTOCOL.md section 5): the inviter, every user whose own state is
 * not terminal, the users the change touched, and every member of the invitation's group —
 * never an undelivered onlineUserOnly invitee.
 */
export async function recipientsOf(inv: Invitation, changed: Iterable<string>, groups: GroupDirectory): Promise<Set<string>> {
  const recipients = new Set<string>([inv.inviter, ...changed]);
  for (const u of inv.users) if (!isTerminal(u.state, inv.mode)) recipients.add(u.userID);
  if (inv.groupID) for (const id of (await groups.getMembers(inv.groupID)) ?? []) recipients.add(id);
  for (const id of inv.undelivered ?? []) recipients.delete(id);
  return recipients;
}

/**
 * Whether a user may see an invitation at all: inviter, listed user, or member of its group
 * (an undelivered onlineUserOnly invitee may not). Everyone else gets INVITATION_NOT_FOUND.
 */
export async function canSee(inv: Invitation, userID: string, groups: GroupDirectory): Promise<boolean> {
  if (isUndelivered(inv, userID)) return false;
  if (inv.inviter === userID || inv.users.some((u) => u.userID === userID)) return true;
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
