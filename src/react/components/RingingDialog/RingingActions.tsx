import { forwardRef, type HTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { useRingingCallContext } from './RingingCallContext.js';
import { AcceptButton, DeclineBusyButton, EndAndAcceptButton, RejectButton } from './RingingButtons.js';

/**
 * The answer buttons: Reject and Accept, or during call waiting (I am in a connected call)
 * "Decline as busy", "Decline" and "End and accept". Disabled unless the call rings, and while an
 * answer is pending. Each is also a part of its own (`AcceptButton`, `RejectButton`,
 * `DeclineBusyButton`, `EndAndAcceptButton`) to arrange yourself.
 * @example <RingingActions className="my-actions" />
 */
export const RingingActions = forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement>>(function RingingActions(props, ref) {
  const { ring, labels } = useRingingCallContext();
  const own = { className: 'rk-ringing__actions', 'data-rk-call-waiting': ring.callWaiting || undefined };
  return (
    <div ref={ref} {...mergeProps(own, props as Record<string, unknown>)}>
      {ring.callWaiting ? (
        <>
          <DeclineBusyButton />
          <RejectButton>{labels.decline}</RejectButton>
          <EndAndAcceptButton />
        </>
      ) : (
        <>
          <RejectButton />
          <AcceptButton />
        </>
      )}
    </div>
  );
});
