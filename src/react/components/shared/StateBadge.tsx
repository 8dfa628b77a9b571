import { forwardRef, type HTMLAttributes } from 'react';
import type { CallUserState } from '../../../protocol/types.js';
import { useRingkitLabels } from '../../labels/RingkitLabelsProvider.js';
import { mergeProps } from '../../mergeProps.js';

/**
 * Props of `StateBadge`.
 * @example const p: StateBadgeProps = { state: 'received' }
 */
export interface StateBadgeProps extends HTMLAttributes<HTMLSpanElement> {
  state: CallUserState;
  /** Text instead of the state's label (e.g. "Busy" for a busy rejection). */
  label?: string;
}

/**
 * A user's state as a small coloured badge (`data-rk-state`), labelled in the current language.
 * @example <StateBadge state={user.state} />
 */
export const StateBadge = forwardRef<HTMLSpanElement, StateBadgeProps>(function StateBadge({ state, label, ...props }, ref) {
  const { states } = useRingkitLabels('common');
  return <span ref={ref} {...mergeProps({ className: 'rk-badge', 'data-rk-state': state }, props)}>{label ?? states[state]}</span>;
});
