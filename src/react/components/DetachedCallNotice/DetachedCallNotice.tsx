import { forwardRef, useId, type HTMLAttributes } from 'react';
import type { SignalingClient } from '../../../client/SignalingClient.js';
import { useDetachedCall } from '../../hooks/useDetachedCall.js';
import { useRingkitLabels } from '../../labels/RingkitLabelsProvider.js';
import { mergeProps } from '../../mergeProps.js';
import { useUserLookup, type GetUser } from '../../context/RingkitUsersProvider.js';
import type { DetachedCallNoticeLabels } from '../../labels/detachedCallNoticeLabels.js';

/**
 * Props of `DetachedCallNotice`.
 * @example const p: DetachedCallNoticeProps = { getUser: (id) => contacts[id] }
 */
export interface DetachedCallNoticeProps extends Omit<HTMLAttributes<HTMLElement>, 'children'> {
  labels?: Partial<DetachedCallNoticeLabels>;
  getUser?: GetUser;
  client?: SignalingClient;
}

/**
 * Offers **Continue here** / **End call** for a call my user is still in on a device that is gone
 * (a tab that crashed mid-call): the server names it when this device connects (`useDetachedCall`).
 * Renders nothing otherwise, so it can sit at the top of any page. A `section` named after the
 * call ("You are still in a call with Bob on another device"); the ref is that element. A call I
 * placed that still rings (the tab died before anyone answered) reads "You are calling Bob from
 * another device" with **Continue here** / **Cancel call**, so Bob's phone can be stopped.
 * @example
 * <RingkitProvider url={url} userID={me}>
 *   <DetachedCallNotice />
 *   <Phone contacts={['bob']} />
 * </RingkitProvider>
 */
export const DetachedCallNotice = forwardRef<HTMLElement, DetachedCallNoticeProps>(function DetachedCallNotice(
  { labels: own, getUser, client, ...props },
  ref,
) {
  const { invitation, peers, ringing, continueButtonProps, endButtonProps } = useDetachedCall(client);
  const labels = useRingkitLabels('detachedCallNotice', own);
  const displayUser = useUserLookup(getUser);
  const titleID = useId();
  if (!invitation) return null;
  const names = peers.map((id) => displayUser(id).name).join(', ');
  const root = { ref, className: 'rk-root rk-detached-call-notice', 'aria-labelledby': titleID };
  return (
    <section {...mergeProps(root, props as Record<string, unknown>)}>
      <p id={titleID} className="rk-detached-call-notice__title">
        {ringing ? labels.callingTitle(names) : labels.title(names)}
      </p>
      <p className="rk-detached-call-notice__hint">{ringing ? labels.callingHint : labels.hint}</p>
      <div className="rk-detached-call-notice__actions">
        <button {...continueButtonProps} className="rk-button" data-rk-variant="accept">
          {labels.continueHere}
        </button>
        <button {...endButtonProps} className="rk-button" data-rk-variant="reject">
          {ringing ? labels.cancelCall : labels.endCall}
        </button>
      </div>
    </section>
  );
});
