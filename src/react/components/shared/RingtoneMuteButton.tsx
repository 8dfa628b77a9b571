import { forwardRef, type ButtonHTMLAttributes } from 'react';
import type { UseRingtoneResult } from '../../hooks/useRingtone.js';
import { useRingkitLabels } from '../../labels/RingkitLabelsProvider.js';
import { mergeProps } from '../../mergeProps.js';
import { BellIcon } from './BellIcon.js';
import type { RingtoneLabels } from '../../labels/ringtoneLabels.js';

/**
 * Props of `RingtoneMuteButton`.
 * @example const p: RingtoneMuteButtonProps = { ringtone: useRingtone(url, ringing) }
 */
export interface RingtoneMuteButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  ringtone: UseRingtoneResult;
  labels?: Partial<RingtoneLabels>;
}

/**
 * A "Mute ringtone" toggle button (`aria-pressed` while muted).
 * @example <RingtoneMuteButton ringtone={useRingtone('/sounds/ring.mp3', ringing)} />
 */
export const RingtoneMuteButton = forwardRef<HTMLButtonElement, RingtoneMuteButtonProps>(function RingtoneMuteButton({ ringtone, labels: own, ...props }, ref) {
  const labels = useRingkitLabels('ringtone', own);
  return (
    <button ref={ref} {...mergeProps(ringtone.muteButtonProps, { className: 'rk-button rk-ringtone-mute' }, props)}>
      <BellIcon off={ringtone.muted} />
      {labels.mute}
    </button>
  );
});
