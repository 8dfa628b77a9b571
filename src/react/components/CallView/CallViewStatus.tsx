import type { HTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { useCallViewContext } from './CallViewContext.js';

/**
 * What the call's media are doing, in words: a polite status line (connecting, waiting for
 * others, connected with the connection's quality, reconnecting), and — as alerts — the failed
 * state with what the user can do (Try again), a camera or microphone that could not be used,
 * a sound the browser blocked (a button to hear it), and people over the mesh limit.
 * @example <CallView><CallViewStage /><CallViewStatus /></CallView>
 */
export function CallViewStatus(props: HTMLAttributes<HTMLDivElement>) {
  const { media, labels } = useCallViewContext();
  const alone = media.state === 'connecting' && media.localStream !== null && media.peers.length === 0;
  const line = alone ? labels.waiting : labels.states[media.state];
  return (
    <div {...mergeProps({ className: 'rk-call-view__status' }, props as Record<string, unknown>)}>
      <p role="status" className="rk-call-view__line" data-rk-state={media.state}>
        {line}
      </p>
      {media.state === 'connected' && (
        <p className="rk-call-view__quality" data-rk-quality={media.quality.level}>
          {labels.quality(media.quality)}
        </p>
      )}
      {media.state === 'failed' && (
        <div role="alert" className="rk-call-view__failed">
          <p className="rk-call-view__failed-title">{labels.failedTitle}</p>
          <p>{labels.failedHint}</p>
          <button type="button" className="rk-button" data-rk-variant="accept" onClick={media.retry}>
            {labels.retry}
          </button>
        </div>
      )}
      {media.error && (
        <p role="alert" className="rk-call-view__problem" data-rk-error={media.error.code}>
          {labels.mediaErrors[media.error.code](labels.devices[media.error.device])}
        </p>
      )}
      {media.audioBlocked && (
        <button type="button" className="rk-button" data-rk-variant="accept" onClick={media.resumeAudio}>
          {labels.audioBlocked}
        </button>
      )}
      {media.overLimit.length > 0 && <p className="rk-call-view__problem">{labels.overLimit([...media.overLimit])}</p>}
    </div>
  );
}
