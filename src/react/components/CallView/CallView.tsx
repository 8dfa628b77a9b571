import { useMemo, type HTMLAttributes, type ReactNode } from 'react';
import type { SignalingClient } from '../../../client/SignalingClient.js';
import { useCallMedia, type UseCallMediaOptions, type UseCallMediaResult } from '../../hooks/useCallMedia.js';
import { useRingkitLabels } from '../../labels/RingkitLabelsProvider.js';
import { mergeProps } from '../../mergeProps.js';
import { CallControls } from '../CallControls/CallControls.js';
import type { GetUser } from '../../context/RingkitUsersProvider.js';
import { CallViewContext, type CallViewContextValue } from './CallViewContext.js';
import { CallViewStage } from './CallViewStage.js';
import { CallViewStatus } from './CallViewStatus.js';
import type { CallViewLabels } from '../../labels/callViewLabels.js';

/**
 * Props of `CallView`.
 * @example const p: CallViewProps = { options: { iceServers: getTurn }, hangUp: false }
 */
export interface CallViewProps extends Omit<HTMLAttributes<HTMLElement>, 'children'> {
  /** The media to show (your `useCallMedia()`); without it the view runs `useCallMedia(options)` itself. */
  media?: UseCallMediaResult;
  /** Options of the view's own `useCallMedia` (ignored with `media`). */
  options?: UseCallMediaOptions;
  /** The controls under the tiles (default true). */
  controls?: boolean;
  /** A Hang up button among the controls (default true; false when the page has its own, e.g. inside `InCallView`). */
  hangUp?: boolean;
  /** Replaces the default layout (stage, status, controls); the parts read the media from context. */
  children?: ReactNode;
  labels?: Partial<CallViewLabels>;
  getUser?: GetUser;
  client?: SignalingClient;
}

/**
 * The call itself: each other participant's video — or their avatar in an audio-only call or
 * with the camera off — with their name and a "microphone off" mark, my own camera in a corner,
 * a "Reconnecting…" overlay while a connection is restored, a status line (connecting, connected
 * with the connection's quality), and a clear failed state saying what the user can do (Try
 * again, or hang up). Then `CallControls` (mute, camera, devices, hang up). A `section` named
 * "Call", with `data-rk-state` (`connecting`, `connected`, `reconnecting`, `failed`, …) and
 * `data-rk-kind` (`audio` or `video`).
 * @example
 * <InCallView>{() => <CallView hangUp={false} options={{ iceServers }} />}</InCallView>
 */
export function CallView({ media: given, options, controls = true, hangUp = true, children, labels: own, getUser, client, ...props }: CallViewProps) {
  const mine = useCallMedia(given ? { inviteID: null } : options, client);
  const media = given ?? mine;
  const labels = useRingkitLabels('callView', own);
  const value = useMemo<CallViewContextValue>(() => ({ media, labels, getUser }), [media, labels, getUser]);
  const root = {
    className: 'rk-root rk-call-view',
    'aria-label': labels.title,
    'data-rk-state': media.state,
    'data-rk-kind': media.kind,
  };
  return (
    <CallViewContext.Provider value={value}>
      <section {...mergeProps(root, props as Record<string, unknown>)}>
        {children ?? (
          <>
            <CallViewStage />
            <CallViewStatus />
            {controls && <CallControls hangUp={hangUp} />}
          </>
        )}
      </section>
    </CallViewContext.Provider>
  );
}
