import type { HTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { useRingingCallContext } from './RingingCallContext.js';

/**
 * "1 more call waiting" while more calls ring behind the one shown (they are queued, not stacked).
 * @example <RingingQueueNote />
 */
export function RingingQueueNote({ ...props }: HTMLAttributes<HTMLParagraphElement>) {
  const { ring, labels } = useRingingCallContext();
  if (ring.waiting === 0) return null;
  return <p {...mergeProps({ className: 'rk-ringing__queue', 'data-rk-waiting': ring.waiting }, props)}>{labels.waiting(ring.waiting)}</p>;
}
