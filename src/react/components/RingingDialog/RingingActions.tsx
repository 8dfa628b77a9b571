import type { HTMLAttributes } from 'react';
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
  return (
    <div {...mergeProps({ className: 'rk-ringing__actions', 'data-rk-call-waiting': ring.callWaiting || undefined }, props)}>
      {ring.callWaiting ? (
        <>
          <button {...ring.declineBusyButtonProps} className="rk-button">
            {labels.declineBusy}
          </button>
          <button {...ring.rejectButtonProps} className="rk-button" data-rk-variant="reject">
            {labels.decline}
          </button>
          <button {...ring.endAndAcceptButtonProps} className="rk-button" data-rk-variant="accept">
            {labels.endAndAccept}
          </button>
        </>
      ) : (
        <>
          <button {...ring.rejectButtonProps} className="rk-button" data-rk-variant="reject">
            {labels.reject}
          </button>
          <button {...ring.acceptButtonProps} className="rk-button" data-rk-variant="accept">
            {labels.accept}
          </button>
        </>
      )}
    </div>
  );
}
