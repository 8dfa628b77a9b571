import { useMemo, type HTMLAttributes, type ReactNode } from 'react';
import type { SignalingClient } from '../../../client/SignalingClient.js';
import { useCallMedia, type UseCallMediaOptions, type UseCallMediaResult } from '../../hooks/useCallMedia.js';
import { useRingkitLabels } from '../../labels/RingkitLabelsProvider.js';
import { mergeProps } from '../../mergeProps.js';
import { useOptionalCallViewContext } from '../CallView/CallViewContext.js';
import { CallControlsContext, type CallControlsContextValue } from './CallControlsContext.js';
import { CallHangUpButton } from './CallHangUpButton.js';
import { CameraButton } from './CameraButton.js';
import { DevicePicker } from './DevicePicker.js';
import type { CallControlsLabels } from '../../labels/callControlsLabels.js';
import { MuteButton } from './MuteButton.js';

/**
 * Props of `CallControls`.
 * @example const p: CallControlsProps = { hangUp: false }
 */
export interface CallControlsProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The media to control; default the enclosing `CallView`'s, else the view's own `useCallMedia(options)`. */
  media?: UseCallMediaResult;
  options?: UseCallMediaOptions;
  /** Show Hang up (default true). */
  hangUp?: boolean;
  /** Replaces the default buttons; the parts read the media from context. */
  children?: ReactNode;
  labels?: Partial<CallControlsLabels>;
  client?: SignalingClient;
}

/**
 * The call's toolbar: **Mute** and **Turn off camera** (toggle buttons, `aria-pressed`),
 * **Devices** (microphone, camera, speaker) and **Hang up**. A `toolbar` named "Call controls".
 * @example
 * const media = useCallMedia()
 * <CallView media={media} controls={false} />
 * <CallControls media={media} />
 */
export function CallControls({ media: given, options, hangUp = true, children, labels: own, client, ...props }: CallControlsProps) {
  const view = useOptionalCallViewContext();
  const mine = useCallMedia(given || view ? { inviteID: null } : options, client);
  const media = given ?? view?.media ?? mine;
  const labels = useRingkitLabels('callControls', own);
  const value = useMemo<CallControlsContextValue>(() => ({ media, labels }), [media, labels]);
  const root = { role: 'toolbar', 'aria-label': labels.title, className: 'rk-call-controls', 'data-rk-state': media.state };
  return (
    <CallControlsContext.Provider value={value}>
      <div {...mergeProps(root, props as Record<string, unknown>)}>
        {children ?? (
          <>
            <MuteButton />
            <CameraButton />
            <DevicePicker />
            {hangUp && <CallHangUpButton />}
          </>
        )}
      </div>
    </CallControlsContext.Provider>
  );
}
