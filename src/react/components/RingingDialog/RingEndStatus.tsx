import { forwardRef, type HTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { useDisplayUser } from '../../context/RingkitUsersProvider.js';
import { useRingingCallContext } from './RingingCallContext.js';

/**
 * A polite live region (`role="status"`, always present so its changes are announced) that says
 * for a moment why a call stopped ringing: cancelled, missed, caller gone, answered or declined on
 * another device.
 * @example <RingEndStatus className="my-snackbar" />
 */
export const RingEndStatus = forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement>>(function RingEndStatus({ ...props }, ref) {
  const { ring, labels, getUser } = useRingingCallContext();
  const notice = ring.notice;
  const caller = useDisplayUser(notice?.invitation.inviter ?? '', getUser);
  const reason = notice && notice.reason !== 'accepted' && notice.reason !== 'declined' ? notice.reason : undefined;
  return (
    <div ref={ref}
      {...mergeProps(
        { role: 'status', 'aria-live': 'polite', className: 'rk-ringing__status', 'data-rk-reason': reason },
        props,
      )}
    >
      {reason ? labels.ended[reason](caller.name) : null}
    </div>
  );
});
