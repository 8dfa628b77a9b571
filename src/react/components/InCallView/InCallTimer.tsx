import { forwardRef, type HTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { useInCallContext } from './InCallContext.js';

/**
 * The call's running duration on the server clock (`role="timer"`, named "Call duration"), `m:ss`.
 * @example <InCallTimer className="my-timer" />
 */
export const InCallTimer = forwardRef<HTMLSpanElement, HTMLAttributes<HTMLSpanElement>>(function InCallTimer(props, ref) {
  const { call, labels } = useInCallContext();
  return (
    <span ref={ref} {...mergeProps({ role: 'timer', 'aria-label': labels.duration, className: 'rk-in-call-view__timer' }, props as Record<string, unknown>)}>
      {labels.clock(call.duration)}
    </span>
  );
});
