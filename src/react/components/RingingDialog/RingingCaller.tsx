import { forwardRef, type HTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { useDisplayUser } from '../../context/RingkitUsersProvider.js';
import { UserAvatar } from '../shared/UserAvatar.js';
import { useRingingCallContext } from './RingingCallContext.js';

/**
 * Who calls and what kind of call it is: the caller's avatar, "<caller> is calling" (the
 * dialog's name) and "One-to-one video call" (its description).
 * @example <RingingDialog><RingingCaller /><RingingActions /></RingingDialog>
 */
export const RingingCaller = forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement>>(function RingingCaller({ ...props }, ref) {
  const { ring, labels, getUser, titleID, descriptionID } = useRingingCallContext();
  const caller = useDisplayUser(ring.invitation?.inviter ?? '', getUser);
  const description = ring.description;
  if (!ring.invitation || !description) return null;
  return (
    <div ref={ref} {...mergeProps({ className: 'rk-ringing__caller' }, props)}>
      <UserAvatar user={caller} size="large" />
      <h2 id={titleID} className="rk-ringing__title">
        {labels.title(caller.name)}
      </h2>
      <p id={descriptionID} className="rk-ringing__description" data-rk-media={description.media}>
        <MediaIcon media={description.media} />
        {labels.description(description.media, description.group, description.others.length + 1)}
        {ring.callWaiting ? ` · ${labels.inCall}` : ''}
      </p>
    </div>
  );
});

/** A small camera or handset before the description (decorative; the text says it). */
function MediaIcon({ media }: { media: 'audio' | 'video' }) {
  return (
    <svg className="rk-ringing__media-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      {media === 'video' ? (
        <path fill="currentColor" d="M3 6.5A1.5 1.5 0 0 1 4.5 5h10A1.5 1.5 0 0 1 16 6.5v2.2l4.2-2.5a.5.5 0 0 1 .8.4v10.8a.5.5 0 0 1-.8.4L16 15.3v2.2a1.5 1.5 0 0 1-1.5 1.5h-10A1.5 1.5 0 0 1 3 17.5z" />
      ) : (
        <path fill="currentColor" d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z" />
      )}
    </svg>
  );
}
