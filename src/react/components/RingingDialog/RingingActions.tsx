import type { HTMLAttributes } from 'react';
import type { RingkitButtonProps } from '../../hooks/useIncomingInvitation.js';
import { mergeProps } from '../../mergeProps.js';
import { useRingingCallContext } from './RingingCallContext.js';

/**
 * The answer buttons: Reject and Accept, or during call waiting (I am in a connected call)
 * "Decline as busy", "Decline" and "End and accept". Disabled unless the call rings, and while an
 * answer is pending.
 * @example <RingingActions className="my-actions" />
 */
export function RingingActions({ ...props }: HTMLAttributes<HTMLDivElement>) {
  const { ring, labels } = useRingingCallContext();
  const buttons: [RingkitButtonProps, 'accept' | 'reject' | undefined, string][] = ring.callWaiting
    ? [
        [ring.declineBusyButtonProps, undefined, labels.declineBusy],
        [ring.rejectButtonProps, 'reject', labels.decline],
        [ring.endAndAcceptButtonProps, 'accept', labels.endAndAccept],
      ]
    : [
        [ring.rejectButtonProps, 'reject', labels.reject],
        [ring.acceptButtonProps, 'accept', labels.accept],
      ];
  return (
    <div {...mergeProps({ className: 'rk-ringing__actions', 'data-rk-call-waiting': ring.callWaiting || undefined }, props)}>
      {buttons.map(([buttonProps, variant, label]) => (
        <button key={buttonProps['data-rk-action']} {...buttonProps} className="rk-button" data-rk-variant={variant}>
          {label}
        </button>
      ))}
    </div>
  );
}
