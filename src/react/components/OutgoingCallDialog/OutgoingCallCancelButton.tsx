import { forwardRef, type ButtonHTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { useOutgoingCallContext } from './OutgoingCallContext.js';

/**
 * Props of `OutgoingCallCancelButton`.
 * @example const p: OutgoingCallCancelButtonProps = { className: 'my-hang-up' }
 */
export type OutgoingCallCancelButtonProps = ButtonHTMLAttributes<HTMLButtonElement>;

/**
 * **Cancel** while someone still rings (cancels everyone still ringing); **Close** once nobody
 * does (calls `onClose`). One button element, so focus stays on it when it switches.
 * @example <OutgoingCallDialog><OutgoingCallInvitees /><OutgoingCallCancelButton /></OutgoingCallDialog>
 */
export const OutgoingCallCancelButton = forwardRef<HTMLButtonElement, OutgoingCallCancelButtonProps>(function OutgoingCallCancelButton(props, ref) {
  const { call, labels, close } = useOutgoingCallContext();
  const cancels = call.isInviter && call.ringing > 0;
  const own = {
    type: 'button' as const,
    className: 'rk-button',
    'data-rk-variant': cancels ? 'reject' : undefined,
    // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
    'aria-disabled': cancels && (call.disabled || call.pending) ? true : undefined,
    onClick: () => {
      if (!cancels) close();
      else if (!call.disabled && !call.pending) void call.cancel();
    },
  };
  return <button ref={ref} {...mergeProps(own, props as Record<string, unknown>)}>{cancels ? labels.cancel : labels.close}</button>;
});
