import type { ButtonHTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { useCallControlsContext } from './CallControlsContext.js';
import { MicIcon } from './icons.js';

/**
 * **Mute**: a toggle button (pressed while muted); the others see a "microphone off" mark.
 * @example <CallControls><MuteButton /><CallHangUpButton /></CallControls>
 */
export function MuteButton(props: ButtonHTMLAttributes<HTMLButtonElement>) {
  const { media, labels } = useCallControlsContext();
  const own = { ...media.micButtonProps, className: 'rk-button rk-call-controls__button', 'data-rk-action': 'mute' };
  return (
    <button {...mergeProps(own, props as Record<string, unknown>)}>
      <MicIcon off={!media.mic} />
      <span>{labels.mute}</span>
    </button>
  );
}
