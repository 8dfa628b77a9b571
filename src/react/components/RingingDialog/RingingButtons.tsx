import { forwardRef, type ButtonHTMLAttributes, type ReactNode } from 'react';
import type { RingkitButtonProps } from '../../hooks/useIncomingInvitation.js';
import { mergeProps } from '../../mergeProps.js';
import type { IncomingCallLabels } from '../../labels/incomingCallLabels.js';
import { useRingingCallContext, type RingingCallContextValue } from './RingingCallContext.js';

/**
 * Props of the answer buttons (`AcceptButton`, `RejectButton`, `DeclineBusyButton`,
 * `EndAndAcceptButton`): any button attribute; `children` replaces the label.
 * @example const p: RingingButtonProps = { className: 'my-round-button', children: <PhoneIcon /> }
 */
export type RingingButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { children?: ReactNode };

/** One answer button: the hook's prop bag (disabled unless it rings, while pending), the kit's look, your props. */
function answerButton(
  name: string,
  pick: (ring: RingingCallContextValue['ring']) => RingkitButtonProps,
  variant: 'accept' | 'reject' | undefined,
  label: (labels: IncomingCallLabels) => string,
) {
  const Button = forwardRef<HTMLButtonElement, RingingButtonProps>(({ children, ...props }, ref) => {
    const { ring, labels } = useRingingCallContext();
    const own = { className: 'rk-button', 'data-rk-variant': variant };
    return (
      <button ref={ref} {...mergeProps(pick(ring) as unknown as Record<string, unknown>, own, props as Record<string, unknown>)}>
        {children ?? label(labels)}
      </button>
    );
  });
  Button.displayName = name;
  return Button;
}

/**
 * **Accept**: answers the ringing call. A part of `RingingDialog` and `IncomingCallToast`, so you can
 * place it anywhere in your own layout (disabled unless the call rings, and while an answer is pending).
 * @example <RingingDialog><RingingCaller /><AcceptButton /><RejectButton /></RingingDialog>
 */
export const AcceptButton = answerButton('AcceptButton', (r) => r.acceptButtonProps, 'accept', (l) => l.accept);

/**
 * **Reject**: declines the ringing call (the dialog's initial focus).
 * @example <RingingDialog><RingingCaller /><RejectButton>Not now</RejectButton><AcceptButton /></RingingDialog>
 */
export const RejectButton = answerButton('RejectButton', (r) => r.rejectButtonProps, 'reject', (l) => l.reject);

/**
 * **Decline as busy** (call waiting): declines with `{"reason":"busy"}`, so the caller sees "Busy".
 * @example <RingingDialog><RingingCaller /><DeclineBusyButton /><EndAndAcceptButton /></RingingDialog>
 */
export const DeclineBusyButton = answerButton('DeclineBusyButton', (r) => r.declineBusyButtonProps, undefined, (l) => l.declineBusy);

/**
 * **End and accept** (call waiting): ends my connected call, then answers this one.
 * @example <RingingDialog><RingingCaller /><RejectButton /><EndAndAcceptButton /></RingingDialog>
 */
export const EndAndAcceptButton = answerButton('EndAndAcceptButton', (r) => r.endAndAcceptButtonProps, 'accept', (l) => l.endAndAccept);
