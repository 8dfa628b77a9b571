import { memo, type ReactNode } from 'react';
import type { SignalingClient } from '../../../client/SignalingClient.js';
import type { CallUser } from '../../../protocol/types.js';
import { useCallUser } from '../../hooks/useCallUser.js';
import { useDisplayUser, type DisplayUser, type GetUser } from '../../context/RingkitUsersProvider.js';
import { ParticipantListItem } from './ParticipantListItem.js';
import type { ParticipantListLabels } from '../../labels/participantListLabels.js';

/**
 * Replaces a row of `ParticipantList`: gets the user (their live state) and how to show them.
 * @example const row: ParticipantRowRenderer = (user, display) => <span>{display.name}: {user.state}</span>
 */
export type ParticipantRowRenderer = (user: CallUser, display: DisplayUser) => ReactNode;

/**
 * Props of `ParticipantListRow`.
 * @example const p: ParticipantListRowProps = { inviteID, userID: 'ada' }
 */
export interface ParticipantListRowProps {
  inviteID: string;
  userID: string;
  isMe?: boolean;
  render?: ParticipantRowRenderer | undefined;
  getUser?: GetUser | undefined;
  labels?: Partial<ParticipantListLabels> | undefined;
  client?: SignalingClient | undefined;
}

/**
 * One row of `ParticipantList`. It reads its own user (`useCallUser`) and is memoized on its props,
 * which hold no position: a change of another user, or a new order, does not render it again.
 * @example <ParticipantListRow inviteID={inviteID} userID="ada" />
 */
export const ParticipantListRow = memo(function ParticipantListRow({
  inviteID,
  userID,
  isMe,
  render,
  getUser,
  labels,
  client,
}: ParticipantListRowProps) {
  const user = useCallUser(inviteID, userID, client);
  const display = useDisplayUser(userID, getUser);
  if (!user) return null;
  return render ? render(user, display) : <ParticipantListItem user={user} display={display} isMe={!!isMe} {...(labels && { labels })} />;
});
