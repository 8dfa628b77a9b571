import type { ButtonHTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { useCallControlsContext } from './CallControlsContext.js';
import { CameraIcon } from './icons.js';

/**
 * **Turn off camera**: a toggle button (pressed while the camera is off; the capture stops, so the
 * camera light goes out). In an audio call, turning it on adds video (a renegotiation).
 * @example <CallControls><CameraButton /></CallControls>
 */
export function CameraButton(props: ButtonHTMLAttributes<HTMLButtonElement>) {
  const { media, labels } = useCallControlsContext();
  const own = { ...media.cameraButtonProps, className: 'rk-button rk-call-controls__button', 'data-rk-action': 'camera' };
  return (
    <button {...mergeProps(own, props as Record<string, unknown>)}>
      <CameraIcon off={!media.camera} />
      <span>{labels.cameraOff}</span>
    </button>
  );
}
