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
  /** Which sound it controls, for its words: the callee's `'ringtone'` (default) or the caller's `'ringback'` (the `ringtone` or `ringback` label table). */
  kind?: 'ringtone' | 'ringback';
  labels?: Partial<RingtoneLabels>;
}

/**
 * A "Mute ringtone" toggle button (`aria-pressed` while muted); with `kind="ringback"`, the
 * caller's "Mute ringback".
 * @example <RingtoneMuteButton ringtone={useRingtone('/sounds/ring.mp3', ringing)} />
 * @example <RingtoneMuteButton kind="ringback" ringtone={useRingtone(builtInTones.ringback, calling)} />
 */
export const RingtoneMuteButton = forwardRef<HTMLButtonElement, RingtoneMuteButtonProps>(function RingtoneMuteButton({ ringtone, kind = 'ringtone', labels: own, ...props }, ref) {
  const labels = useRingkitLabels(kind, own);
  return (
    <button ref={ref} {...mergeProps(ringtone.muteButtonProps, { className: 'rk-button rk-ringtone-mute' }, props)}>
      <BellIcon off={ringtone.muted} />
      {labels.mute}
    </button>
  );
});
