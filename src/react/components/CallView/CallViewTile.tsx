import type { HTMLAttributes } from 'react';
import type { RemotePeer } from '../../../media/callMediaTypes.js';
import { mergeProps } from '../../mergeProps.js';
import { useDisplayUser } from '../../context/RingkitUsersProvider.js';
import { UserAvatar } from '../shared/UserAvatar.js';
import { useCallViewContext } from './CallViewContext.js';
import { MediaVideo } from './MediaVideo.js';
import { MicOffIcon } from './MicOffIcon.js';

/**
 * Props of `CallViewTile`.
 * @example const p: CallViewTileProps = { peer: media.peers[0]! }
 */
export interface CallViewTileProps extends HTMLAttributes<HTMLElement> {
  peer: RemotePeer;
}

const hasLiveVideo = (stream: MediaStream | null) => !!stream?.getVideoTracks().some((t) => t.readyState === 'live' && !t.muted);

/**
 * One other participant: their video (or their avatar when the call is audio-only or their camera
 * is off), their name, a "microphone off" mark, and their connection while it is not connected.
 * @example <CallView>{media.peers.map((p) => <CallViewTile key={p.userID} peer={p} />)}</CallView>
 */
export function CallViewTile({ peer, ...props }: CallViewTileProps) {
  const { labels, getUser } = useCallViewContext();
  const user = useDisplayUser(peer.userID, getUser);
  const video = peer.camera && hasLiveVideo(peer.stream);
  const own = {
    className: 'rk-call-view__tile',
    'aria-label': user.name,
    'data-rk-state': peer.state,
    'data-rk-mic': peer.mic ? 'on' : 'off',
    'data-rk-camera': video ? 'on' : 'off',
  };
  return (
    <figure {...mergeProps(own, props as Record<string, unknown>)}>
      {video ? <MediaVideo stream={peer.stream} /> : <UserAvatar user={user} size="large" />}
      <figcaption className="rk-call-view__caption">
        <span className="rk-call-view__name">{user.name}</span>
        {!peer.mic && <MicOffIcon className="rk-call-view__muted" label={labels.muted(user.name)} />}
        {peer.state !== 'connected' && <span className="rk-call-view__peer-state">{labels.peerStates[peer.state]}</span>}
      </figcaption>
    </figure>
  );
}
