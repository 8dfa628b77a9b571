import { forwardRef, type ButtonHTMLAttributes } from 'react';
import type { UseRingtoneResult } from '../../hooks/useRingtone.js';
import { useRingkitLabels } from '../../labels/RingkitLabelsProvider.js';
import { mergeProps } from '../../mergeProps.js';
import type { RingtoneLabels } from '../../labels/ringtoneLabels.js';

/**
 * Props of `RingtoneUnlockButton`.
 * @example const p: RingtoneUnlockButtonProps = { ringtone: useRingtone(url, ringing) }
 */
export interface RingtoneUnlockButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  ringtone: UseRingtoneResult;
  /** Which sound it controls, for its words: the callee's `'ringtone'` (default) or the caller's `'ringback'` (the `ringtone` or `ringback` label table). */
  kind?: 'ringtone' | 'ringback';
  labels?: Partial<RingtoneLabels>;
}

/**
 * "Sound is blocked — click to enable ringing": shown only while the browser blocks the ringtone
 * (no user gesture yet); a click rings aloud now and for every later call. The same notice, in the
 * same place, says "The ringtone could not be played — click to try again" when the sound failed
 * to load or decode (`data-rk-state="failed"`); for the caller's ringback (`kind="ringback"`), "The
 * ringback could not be played — click to try again".
 * @example const tone = useRingtone('/sounds/ringback.mp3', calling); <RingtoneUnlockButton kind="ringback" ringtone={tone} />
 */
export const RingtoneUnlockButton = forwardRef<HTMLButtonElement, RingtoneUnlockButtonProps>(function RingtoneUnlockButton({ ringtone, kind = 'ringtone', labels: own, ...props }, ref) {
  const labels = useRingkitLabels(kind, own);
  if (!ringtone.blocked && !ringtone.failed) return null;
  const state = ringtone.failed ? 'failed' : 'blocked';
  return (
    <button ref={ref} {...mergeProps(ringtone.enableButtonProps, { className: 'rk-button rk-ringtone-unlock', 'data-rk-variant': 'primary', 'data-rk-state': state }, props)}>
      {labels[state]}
    </button>
  );
});
