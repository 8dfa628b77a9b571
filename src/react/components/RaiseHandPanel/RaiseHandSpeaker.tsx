import { forwardRef, type HTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { useDisplayUser } from '../../context/RingkitUsersProvider.js';
import { UserAvatar } from '../shared/UserAvatar.js';
import { useRaiseHandPanel } from './RaiseHandPanelContext.js';
import { speakLabel } from './speakLabel.js';

/**
 * Who is speaking now (the latest invitation to speak and its answer); nothing when nobody was invited.
 * @example <RaiseHandPanel groupID="class-1"><RaiseHandSpeaker /></RaiseHandPanel>
 */
export const RaiseHandSpeaker = forwardRef<HTMLDivElement, Omit<HTMLAttributes<HTMLDivElement>, 'children'>>(function RaiseHandSpeaker(props, ref) {
  const { hand, labels, getUser } = useRaiseHandPanel();
  const user = useDisplayUser(hand.speaker ?? '', getUser);
  const state = hand.speakInvitation?.users[0]?.state;
  if (!hand.speaker || !state || hand.closed) return null;
  const answer = speakLabel(state, labels);
  return (
    <div ref={ref} {...mergeProps({ className: 'rk-raise-hand-panel__speaker', 'data-rk-state': answer.key }, props)}>
      <span className="rk-raise-hand-panel__speaker-title">{labels.speakingNow}</span>
      <UserAvatar user={user} size="small" />
      <span className="rk-raise-hand-panel__name">{user.name}</span>
      <span className="rk-badge" data-rk-state={state}>
        {answer.text}
      </span>
    </div>
  );
});
