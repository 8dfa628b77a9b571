import type { Invitation } from '../protocol/types.js';
import { shareUsers } from './shareUsers.js';

/**
 * Every invitation a client mirrors, by inviteID: an immutable record, replaced (never mutated)
 * when an invitation changes, so unchanged invitations keep their references.
 * @example const snapshot: InvitationSnapshot = client.getSnapshot(); snapshot[inviteID]?.state
 */
export type InvitationSnapshot = Readonly<Record<string, Invitation>>;

/**
 * How many ended invitations a snapshot keeps; the oldest (by end time) go first.
 * @example Object.keys(client.getSnapshot()).length <= MAX_ENDED_INVITATIONS + activeCount
 */
export const MAX_ENDED_INVITATIONS = 500;

/**
 * The version guard, the one rule for "is this copy newer": a snapshot replaces a held one only
 * with a higher version, so duplicates and reordering after a reconnect cannot flip anything back.
 * @example if (isNewerSnapshot(held, incoming)) show(incoming)
 */
export function isNewerSnapshot(held: Invitation | undefined, incoming: Invitation): boolean {
  return !held || incoming.version > held.version;
}

/**
 * Puts `incoming` into a snapshot record when it is newer than the held copy (`isNewerSnapshot`),
 * sharing unchanged users with it (`shareUsers`; `candidates` as there), and drops the oldest
 * ended invitations beyond `MAX_ENDED_INVITATIONS`. Returns the same record when nothing changed.
 * @example const next = putSnapshot(snapshot, update.invitation)
 */
export function putSnapshot(record: InvitationSnapshot, incoming: Invitation, candidates?: Invitation['users']): InvitationSnapshot {
  const held = record[incoming.inviteID];
  if (!isNewerSnapshot(held, incoming)) return record;
  const next = { ...record, [incoming.inviteID]: shareUsers(held, incoming, candidates) };
  return incoming.state === 'ended' ? pruneEnded(next) : next;
}

/** Drops the oldest ended invitations beyond `MAX_ENDED_INVITATIONS` (the one pruner). */
function pruneEnded(record: Record<string, Invitation>): InvitationSnapshot {
  const ended = Object.values(record).filter((i) => i.state === 'ended');
  if (ended.length <= MAX_ENDED_INVITATIONS) return record;
  ended.sort((a, b) => (a.endTime ?? a.createTime) - (b.endTime ?? b.createTime));
  for (const old of ended.slice(0, ended.length - MAX_ENDED_INVITATIONS)) delete record[old.inviteID];
  return record;
}
