import { forwardRef, useId, useMemo, type HTMLAttributes, type ReactNode } from 'react';
import type { SignalingClient } from '../../../client/SignalingClient.js';
import { useCall, type UseCallResult } from '../../hooks/useCall.js';
import { useRingkitLabels } from '../../labels/RingkitLabelsProvider.js';
import { mergeProps } from '../../mergeProps.js';
import { useDisplayUser, type GetUser } from '../../context/RingkitUsersProvider.js';
import { HangUpButton } from './HangUpButton.js';
import { InCallContext, type InCallContextValue } from './InCallContext.js';
import { InCallPeer } from './InCallPeer.js';
import type { InCallViewLabels } from '../../labels/inCallViewLabels.js';

/**
 * Props of `InCallView`.
 * @example const p: InCallViewProps = { call, getUser: (id) => contacts[id], children: <video /> }
 */
export interface InCallViewProps extends Omit<HTMLAttributes<HTMLElement>, 'children'> {
  /** The call to show (your `useCall()`); without it the view follows this device's call itself. */
  call?: UseCallResult;
  /** The media view, between the peer and Hang up (e.g. your video, or `(call) => <Room id={call.roomID} />`). */
  children?: ReactNode | ((call: UseCallResult) => ReactNode);
  /** Replaces the default layout (peer, media, Hang up); the parts read the call from context. */
  layout?: ReactNode;
  labels?: Partial<InCallViewLabels>;
  getUser?: GetUser;
  client?: SignalingClient;
}

/**
 * The connected one-to-one call: who it is with (avatar and name), "Connected" with a running
 * timer on the server clock, a slot for your media view (`children`), and **Hang up** (ends the
 * call for both). Renders nothing unless the call is connected, so it can sit anywhere: it shows
 * once the callee accepts (also for a call placed by another `useCall` on this device) and goes
 * away when the call ends. A `section` named "In a call with Bob"; the ref is that element.
 * @example
 * <InCallView getUser={(id) => contacts[id]}>
 *   {(call) => <MyVideoRoom roomID={call.roomID!} />}
 * </InCallView>
 */
export const InCallView = forwardRef<HTMLElement, InCallViewProps>(function InCallView(
  { call: given, children, layout, labels: own, getUser, client, ...props },
  ref,
) {
  const mine = useCall({}, client);
  const call = given ?? mine;
  const labels = useRingkitLabels('inCallView', own);
  const peer = useDisplayUser(call.peer ?? '', getUser);
  const titleID = useId();
  const value = useMemo<InCallContextValue>(() => ({ call, peer, labels, titleID }), [call, peer, labels, titleID]);
  if (call.status !== 'connected') return null;
  const media = typeof children === 'function' ? children(call) : children;
  const root = {
    ref,
    className: 'rk-root rk-in-call-view',
    'aria-label': labels.title(peer.name),
    'data-rk-state': call.status,
  };
  return (
    <InCallContext.Provider value={value}>
      <section {...mergeProps(root, props as Record<string, unknown>)}>
        {layout ?? (
          <>
            <InCallPeer />
            {media != null && media !== false && <div className="rk-in-call-view__media">{media}</div>}
            <div className="rk-in-call-view__actions">
              <HangUpButton />
            </div>
          </>
        )}
        {call.error && (
          <p role="alert" className="rk-in-call-view__error">
            {labels.hangUpFailed}
          </p>
        )}
      </section>
    </InCallContext.Provider>
  );
});
