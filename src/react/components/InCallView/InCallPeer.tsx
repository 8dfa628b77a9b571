import { forwardRef, type HTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { UserAvatar } from '../shared/UserAvatar.js';
import { useInCallContext } from './InCallContext.js';
import { InCallTimer } from './InCallTimer.js';

/**
 * Who the call is with: the avatar, the name (the view's heading), "Connected" and the running timer.
 * @example <InCallView><InCallPeer /><HangUpButton /></InCallView>
 */
export const InCallPeer = forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement>>(function InCallPeer(props, ref) {
  const { peer, labels, titleID } = useInCallContext();
  return (
    <div ref={ref} {...mergeProps({ className: 'rk-in-call-view__peer' }, props as Record<string, unknown>)}>
      <UserAvatar user={peer} size="large" />
      <h2 id={titleID} className="rk-in-call-view__name">
        {peer.name}
      </h2>
      <p className="rk-in-call-view__status">
        <span className="rk-in-call-view__connected">{labels.connected}</span>
        <span aria-hidden="true"> · </span>
        <InCallTimer />
      </p>
    </div>
  );
});
