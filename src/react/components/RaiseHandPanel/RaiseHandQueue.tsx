import { forwardRef, type HTMLAttributes } from 'react';
import type { CallUser } from '../../../protocol/types.js';
import { mergeProps } from '../../mergeProps.js';
import { useDisplayUser } from '../../context/RingkitUsersProvider.js';
import { UserAvatar } from '../shared/UserAvatar.js';
import { useRaiseHandPanel } from './RaiseHandPanelContext.js';
import { speakLabel } from './speakLabel.js';

/**
 * Props of `RaiseHandQueue`.
 * @example const p: RaiseHandQueueProps = { actions: false }
 */
export interface RaiseHandQueueProps extends Omit<HTMLAttributes<HTMLOListElement>, 'children'> {
  /** Show "Invite to speak" on each row (default: when I am the teacher). */
  actions?: boolean;
}

function QueueRow({ user, position, actions }: { user: CallUser; position: number; actions: boolean }) {
  const { hand, labels, getUser } = useRaiseHandPanel();
  const shown = useDisplayUser(user.userID, getUser);
  const speak = hand.speakStates[user.userID];
  const answer = speak && speakLabel(speak, labels);
  return (
    <li className="rk-raise-hand-panel__hand" data-rk-user={user.userID} data-rk-state={answer?.key ?? 'raised'}>
      <span className="rk-raise-hand-panel__position">{labels.position(position)}</span>
      <UserAvatar user={shown} size="small" />
      <span className="rk-raise-hand-panel__name">{shown.name}</span>
      {answer && (
        <span className="rk-badge" data-rk-state={speak}>
          {answer.text}
        </span>
      )}
      {actions && answer?.key !== 'invited' && answer?.key !== 'speaking' && (
        <button className="rk-button rk-raise-hand-panel__invite" {...hand.inviteToSpeakButtonProps(user.userID)} aria-label={labels.inviteToSpeakName(shown.name)}>
          {labels.inviteToSpeak}
        </button>
      )}
    </li>
  );
}

/**
 * The raised hands as an ordered queue (first raised first) with visible positions, a list named
 * "Raised hands"; the teacher gets "Invite to speak" on each row.
 * @example <RaiseHandPanel groupID="class-1"><RaiseHandQueue /></RaiseHandPanel>
 */
export const RaiseHandQueue = forwardRef<HTMLOListElement, RaiseHandQueueProps>(function RaiseHandQueue({ actions, ...props }, ref) {
  const { hand, labels } = useRaiseHandPanel();
  const withActions = actions ?? hand.role === 'teacher';
  if (hand.raisedHands.length === 0) return <p className="rk-raise-hand-panel__empty">{labels.noHands}</p>;
  return (
    <ol ref={ref} {...mergeProps({ className: 'rk-list rk-raise-hand-panel__queue', 'aria-label': labels.raisedHands }, props)}>
      {hand.raisedHands.map((user, i) => (
        <QueueRow key={user.userID} user={user} position={i + 1} actions={withActions} />
      ))}
    </ol>
  );
});
