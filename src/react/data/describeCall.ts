import type { Invitation } from '../../protocol/types.js';
import { callMediaOf } from '../../protocol/push.js';

/**
 * What kind of call an invitation is: audio or video (from its data's `video: true` or
 * `media: 'video'`), one-to-one or group (a group invitation, or more than one other person).
 * @example const { media, group, others }: CallDescription = describeCall(invitation, 'bob')
 */
export interface CallDescription {
  media: 'audio' | 'video';
  group: boolean;
  /** Everyone in the call but me, the inviter first. */
  others: string[];
}

/**
 * Describes an invitation for `self` (a pure function of the snapshot).
 * @example describeCall(invitation, 'bob') // { media: 'video', group: false, others: ['alice'] }
 */
export function describeCall(invitation: Invitation, self: string): CallDescription {
  const media = callMediaOf(invitation.data);
  const others = [invitation.inviter, ...invitation.users.map((u) => u.userID).filter((id) => id !== invitation.inviter)].filter(
    (id) => id !== self,
  );
  return { media, group: invitation.groupID !== undefined || others.length > 1, others };
}
