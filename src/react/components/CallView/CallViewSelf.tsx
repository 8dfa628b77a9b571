import type { HTMLAttributes } from 'react';
import { useRingkitStore } from '../../hooks/useRingkitStore.js';
import { mergeProps } from '../../mergeProps.js';
import { useDisplayUser } from '../../context/RingkitUsersProvider.js';
import { UserAvatar } from '../shared/UserAvatar.js';
import { useCallViewContext } from './CallViewContext.js';
import { MediaVideo } from './MediaVideo.js';
import { MicOffIcon } from './MicOffIcon.js';

/**
 * My own tile: the camera mirrored (or my avatar when it is off), "You", and my "microphone off" mark.
 * @example <CallView><CallViewStage /><CallViewSelf /></CallView>
 */
export function CallViewSelf(props: HTMLAttributes<HTMLElement>) {
  const { media, labels, getUser } = useCallViewContext();
  const self = useRingkitStore((s) => s.userID);
  const user = useDisplayUser(self, getUser);
  const video = media.camera && !!media.localStream?.getVideoTracks().length;
  const own = { className: 'rk-call-view__tile rk-call-view__self', 'aria-label': labels.self, 'data-rk-mic': media.mic ? 'on' : 'off', 'data-rk-camera': video ? 'on' : 'off' };
  return (
    <figure {...mergeProps(own, props as Record<string, unknown>)}>
      {video ? <MediaVideo stream={media.localStream} mirrored /> : <UserAvatar user={user} size="medium" />}
      <figcaption className="rk-call-view__caption">
        <span className="rk-call-view__name">{labels.self}</span>
        {!media.mic && <MicOffIcon className="rk-call-view__muted" label={labels.muted(labels.self)} />}
      </figcaption>
    </figure>
  );
}
