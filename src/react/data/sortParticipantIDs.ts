import type { CallUser } from '../../protocol/types.js';
import { participantGroup } from './inviteeStatus.js';

/**
 * The userIDs of a participant list in display order: accepted, then pending, then ended, each
 * group in the server's order (the order they were invited). `matches` filters (e.g. a search).
 * @example sortParticipantIDs(invitation.users, (u) => u.userID.includes('ada'))
 */
export function sortParticipantIDs(users: readonly CallUser[], matches?: (user: CallUser) => boolean): string[] {
  const groups: [string[], string[], string[]] = [[], [], []];
  for (const user of users) if (!matches || matches(user)) groups[participantGroup(user.state)].push(user.userID);
  return groups.flat();
}
