import { forwardRef, type HTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { useRaiseHandPanel } from './RaiseHandPanelContext.js';

/**
 * The teacher's "Invite next" (the first raised hand not yet invited) and "Lower all" (every hand
 * down, the round closed).
 * @example <RaiseHandPanel groupID="class-1"><RaiseHandQueue /><RaiseHandTeacherActions /></RaiseHandPanel>
 */
export const RaiseHandTeacherActions = forwardRef<HTMLDivElement, Omit<HTMLAttributes<HTMLDivElement>, 'children'>>(function RaiseHandTeacherActions(props, ref) {
  const { hand, labels } = useRaiseHandPanel();
  const busy = hand.pending || hand.disabled;
  const next = hand.nextToSpeak;
  return (
    <div ref={ref} {...mergeProps({ className: 'rk-raise-hand-panel__actions' }, props)}>
      <button type="button" className="rk-button" data-rk-variant="primary" disabled={busy || !next} onClick={() => next && void hand.inviteToSpeak(next)}>
        {labels.inviteNext}
      </button>
      <button
        type="button"
        className="rk-button"
        disabled={busy || hand.closed || (!hand.open && hand.raisedHands.length === 0)}
        onClick={() => void hand.lowerAll()}
      >
        {labels.lowerAll}
      </button>
    </div>
  );
});
