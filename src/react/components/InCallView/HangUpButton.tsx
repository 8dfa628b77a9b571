import { forwardRef, type ButtonHTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { useInCallContext } from './InCallContext.js';

/**
 * Props of `HangUpButton`.
 * @example const p: HangUpButtonProps = { className: 'my-hang-up' }
 */
export type HangUpButtonProps = ButtonHTMLAttributes<HTMLButtonElement>;

/**
 * **Hang up**: ends the call for both (`useCall().hangUp()`); disabled while the request is pending.
 * Its text is the label unless you give children (e.g. an icon, then name it with `aria-label`).
 * @example <InCallView><InCallPeer /><HangUpButton>End</HangUpButton></InCallView>
 */
export const HangUpButton = forwardRef<HTMLButtonElement, HangUpButtonProps>(function HangUpButton({ children, ...props }, ref) {
  const { call, labels } = useInCallContext();
  const own = {
    type: 'button' as const,
    className: 'rk-button rk-in-call-view__hang-up',
    'data-rk-variant': 'reject',
    'data-rk-action': 'hang-up',
    disabled: call.pending || call.status !== 'connected',
    onClick: () => void call.hangUp(),
  };
  return (
    <button ref={ref} {...mergeProps(own, props as Record<string, unknown>)}>
      {children ?? labels.hangUp}
    </button>
  );
});
