import { forwardRef, type HTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { useRingingCallContext } from './RingingCallContext.js';

/**
 * Seconds left to answer, on the server clock (nothing when the call never times out).
 * @example <RingingCountdown className="my-countdown" />
 */
export const RingingCountdown = forwardRef<HTMLParagraphElement, HTMLAttributes<HTMLParagraphElement>>(function RingingCountdown({ ...props }, ref) {
  const { ring, labels } = useRingingCallContext();
  if (ring.secondsRemaining === null) return null;
  return <p ref={ref} {...mergeProps({ className: 'rk-ringing__countdown' }, props)}>{labels.countdown(ring.secondsRemaining)}</p>;
});
