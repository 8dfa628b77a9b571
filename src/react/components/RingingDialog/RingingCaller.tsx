import type { HTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { useDisplayUser } from '../shared/RingkitUsersProvider.js';
import { UserAvatar } from '../shared/UserAvatar.js';
import { useRingingCallContext } from './RingingCallContext.js';

/**
 * Who calls and what kind of call it is: the caller's avatar, "<caller> is calling" (the
 * dialog's name) and "One-to-one video call" (its description).
 * @example <RingingDialog><RingingCaller /><RingingActions /></RingingDialog>
 */
export function RingingCaller({ ...props }: HTMLAttributes<HTMLDivElement>) {
  const { ring, labels, getUser, titleID, descriptionID } = useRingingCallContext();
  const caller = useDisplayUser(ring.invitation?.inviter ?? '', getUser);
  const description = ring.description;
  if (!ring.invitation || !description) return null;
  return (
    <div {...mergeProps({ className: 'rk-ringing__caller' }, props)}>
      <UserAvatar user={caller} size="large" />
      <h2 id={titleID} className="rk-ringing__title">
        {labels.title(caller.name)}
      </h2>
      <p id={descriptionID} className="rk-ringing__description" data-rk-media={description.media}>
        {labels.description(description.media, description.group, description.others.length + 1)}
        {ring.callWaiting ? ` · ${labels.inCall}` : ''}
      </p>
    </div>
  );
}
