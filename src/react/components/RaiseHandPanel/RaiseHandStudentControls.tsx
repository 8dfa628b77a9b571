import { forwardRef, useId, type HTMLAttributes } from 'react';
import { isPending } from '../../../protocol/types.js';
import { mergeProps } from '../../mergeProps.js';
import { useRaiseHandPanel } from './RaiseHandPanelContext.js';

/**
 * A student's controls: "Raise hand" while asked, "Lower hand" while the hand is up (with my place
 * in line), and "You are invited to speak" with Accept / Decline.
 * @example <RaiseHandPanel groupID="class-1" view="student"><RaiseHandStudentControls /></RaiseHandPanel>
 */
export const RaiseHandStudentControls = forwardRef<HTMLDivElement, Omit<HTMLAttributes<HTMLDivElement>, 'children'>>(function RaiseHandStudentControls(props, ref) {
  const { hand, labels } = useRaiseHandPanel();
  const titleID = useId();
  const mySpeak = hand.invitedToSpeak ? hand.speakInvitation?.users[0]?.state : undefined;
  let line: string;
  if (mySpeak === 'accepted') line = labels.youAreSpeaking;
  else if (hand.handRaised) line = labels.yourPosition(hand.position ?? 0);
  else if (hand.closed) line = labels.allLowered;
  else if (hand.handLowered) line = labels.handLowered;
  else if (hand.asked) line = labels.asked;
  else line = labels.waiting;
  return (
    <div ref={ref} {...mergeProps({ className: 'rk-raise-hand-panel__student' }, props)}>
      <p className="rk-raise-hand-panel__line" data-rk-state={mySpeak === 'accepted' ? 'speaking' : undefined}>
        {line}
      </p>
      {hand.asked && (
        <button className="rk-button" data-rk-variant="primary" {...hand.raiseHandButtonProps}>
          {labels.raiseHand}
        </button>
      )}
      {hand.handRaised && (
        <button className="rk-button" {...hand.lowerHandButtonProps}>
          {labels.lowerHand}
        </button>
      )}
      {mySpeak && isPending(mySpeak) && (
        <div role="group" aria-labelledby={titleID} className="rk-raise-hand-panel__invitation">
          <p id={titleID} className="rk-raise-hand-panel__invitation-title">
            {labels.invitedToSpeak}
          </p>
          <div className="rk-raise-hand-panel__actions">
            <button className="rk-button" data-rk-variant="accept" {...hand.acceptSpeakButtonProps}>
              {labels.acceptSpeak}
            </button>
            <button className="rk-button" data-rk-variant="reject" {...hand.declineSpeakButtonProps}>
              {labels.declineSpeak}
            </button>
          </div>
        </div>
      )}
    </div>
  );
});
