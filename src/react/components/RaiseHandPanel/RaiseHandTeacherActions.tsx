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
  return (
    <div ref={ref} {...mergeProps({ className: 'rk-raise-hand-panel__actions' }, props)}>
      <button className="rk-button" data-rk-variant="primary" {...hand.inviteNextButtonProps}>
        {labels.inviteNext}
      </button>
      <button className="rk-button" {...hand.lowerAllButtonProps}>
        {labels.lowerAll}
      </button>
    </div>
  );
});
