import { forwardRef, type HTMLAttributes } from 'react';
import type { CallUser } from '../../../protocol/types.js';
import { inviteeStatus } from '../../data/inviteeStatus.js';
import { useRingkitLabels } from '../../labels/RingkitLabelsProvider.js';
import { mergeProps } from '../../mergeProps.js';
import type { DisplayUser } from '../../context/RingkitUsersProvider.js';
import { StateBadge } from '../shared/StateBadge.js';
import { UserAvatar } from '../shared/UserAvatar.js';
import type { ParticipantListLabels } from '../../labels/participantListLabels.js';

/**
 * Props of `ParticipantListItem`.
 * @example const p: ParticipantListItemProps = { user, display: { userID: 'ada', name: 'Ada' } }
 */
export interface ParticipantListItemProps extends HTMLAttributes<HTMLDivElement> {
  user: CallUser;
  display: DisplayUser;
  /** Marks the row as mine ("You"). */
  isMe?: boolean;
  labels?: Partial<ParticipantListLabels>;
}

/**
 * The default row of `ParticipantList`: avatar, name and state badge (`busy` for a busy rejection).
 * Use it inside your own row to add to it.
 * @example <ParticipantList inviteID={id}>{(user, display) => <ParticipantListItem user={user} display={display}><button>Mute</button></ParticipantListItem>}</ParticipantList>
 */
export const ParticipantListItem = forwardRef<HTMLDivElement, ParticipantListItemProps>(function ParticipantListItem({ user, display, isMe = false, labels: ownLabels, children, ...props }, ref) {
  const labels = useRingkitLabels('participantList', ownLabels);
  const { you } = useRingkitLabels('common');
  const status = inviteeStatus(user);
  const own = { className: 'rk-participant-list__row', 'data-rk-state': status };
  return (
    <div ref={ref} {...mergeProps(own, props as Record<string, unknown>)}>
      <UserAvatar user={display} size="small" />
      <span className="rk-participant-list__name">
        {display.name}
        {isMe && <span className="rk-participant-list__me"> ({you})</span>}
      </span>
      <StateBadge state={user.state} data-rk-state={status} {...(status === 'busy' && { label: labels.busy })} />
      {children}
    </div>
  );
});
