import type { ButtonHTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { useCallControlsContext } from './CallControlsContext.js';
import { HangUpIcon } from './icons.js';

/**
 * **Hang up**: stops every track and connection at once, then ends a one-to-one call for both
 * (leaves a group call), or calls `useCallMedia`'s `onHangUp`.
 * @example <CallControls><MuteButton /><CallHangUpButton /></CallControls>
 */
export function CallHangUpButton(props: ButtonHTMLAttributes<HTMLButtonElement>) {
  const { media, labels } = useCallControlsContext();
  const own = { ...media.hangUpButtonProps, className: 'rk-button rk-call-controls__button rk-call-controls__hang-up', 'data-rk-variant': 'reject', 'data-rk-action': 'hang-up' };
  return (
    <button {...mergeProps(own, props as Record<string, unknown>)}>
      <HangUpIcon />
      <span>{labels.hangUp}</span>
    </button>
  );
}
