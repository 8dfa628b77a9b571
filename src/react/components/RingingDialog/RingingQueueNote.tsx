import { forwardRef, type HTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { useRingingCallContext } from './RingingCallContext.js';

/**
 * "1 more call waiting" while more calls ring behind the one shown (they are queued, not stacked).
 * @example <RingingQueueNote />
 */
export const RingingQueueNote = forwardRef<HTMLParagraphElement, HTMLAttributes<HTMLParagraphElement>>(function RingingQueueNote({ ...props }, ref) {
  const { ring, labels } = useRingingCallContext();
  if (ring.waiting === 0) return null;
  return <p ref={ref} {...mergeProps({ className: 'rk-ringing__queue', 'data-rk-waiting': ring.waiting }, props)}>{labels.waiting(ring.waiting)}</p>;
});
