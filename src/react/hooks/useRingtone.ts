import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { createRingtonePlayer, type RingtonePlayer, type RingtoneState } from '../media/createRingtonePlayer.js';

/**
 * Options of `useRingtone`.
 * @example useRingtone('/sounds/ring.mp3', ringing, { muted: prefs.quiet })
 */
export interface UseRingtoneOptions {
  /** Start muted (the user can still toggle). Default false. */
  muted?: boolean;
}

/**
 * What `useRingtone` returns.
 * @example const { blocked, enable, muted, toggleMute }: UseRingtoneResult = useRingtone(url, ringing)
 */
export interface UseRingtoneResult extends RingtoneState {
  /** Whether the user muted it. */
  muted: boolean;
  setMuted(muted: boolean): void;
  toggleMute(): void;
  /** Call from a click: allows sound for the page (this call rings aloud, and later calls too). */
  enable(): Promise<boolean>;
  /** Props for the "Sound is blocked — click to enable ringing" button (render it while `blocked` or `failed`: a click retries a failed sound). */
  enableButtonProps: { type: 'button'; onClick: () => void; 'data-rk-action': 'enable-sound' };
  /** Props for a mute toggle button (`aria-pressed` is the muted state). */
  muteButtonProps: { type: 'button'; onClick: () => void; 'aria-pressed': boolean; 'data-rk-action': 'mute' };
}

const SILENT: RingtoneState = { audible: false, blocked: false, failed: false };
const noSubscription = () => () => undefined;
const silent = () => SILENT;

/**
 * Loops an app-supplied sound while `ringing` is true (a ringtone for incoming calls, a ringback
 * while calling out) and stops it on every end. Browsers refuse to start sound before the user
 * has interacted with the page: the hook then reports `blocked`, and `enable()` (from a click on
 * the control it asks you to show) turns sound on for this call and every later one.
 * Without a `src` (or with `false`) it stays silent; `builtInTones.ringtone` / `.ringback` are the
 * sounds ringkit ships. A sound that fails to load or decode reports `failed` (and logs one
 * `console.warn` naming the URL). Nothing touches audio during render: SSR-safe.
 * @example
 * const tone = useRingtone('/sounds/ring.mp3', invitation !== undefined)
 * {tone.blocked && <button {...tone.enableButtonProps}>Sound is blocked — click to enable ringing</button>}
 * <button {...tone.muteButtonProps}>{tone.muted ? 'Unmute' : 'Mute'}</button>
 */
export function useRingtone(src: string | false | undefined, ringing: boolean, options: UseRingtoneOptions = {}): UseRingtoneResult {
  const [muted, setMuted] = useState(options.muted ?? false);
  const player = useMemo<RingtonePlayer | undefined>(() => (src ? createRingtonePlayer(src) : undefined), [src]);
  const state = useSyncExternalStore(player?.subscribe ?? noSubscription, player?.getState ?? silent, player?.getState ?? silent);
  const sounding = ringing && !muted;

  useEffect(() => {
    if (!player || !sounding) return;
    player.start();
    return () => player.stop();
  }, [player, sounding]);

  const enable = useCallback(() => player?.enable() ?? Promise.resolve(false), [player]);
  const toggleMute = useCallback(() => setMuted((m) => !m), []);
  return useMemo(
    () => ({
      ...state,
      muted,
      setMuted,
      toggleMute,
      enable,
      enableButtonProps: { type: 'button', onClick: () => void enable(), 'data-rk-action': 'enable-sound' },
      muteButtonProps: { type: 'button', onClick: toggleMute, 'aria-pressed': muted, 'data-rk-action': 'mute' },
    }),
    [state, muted, toggleMute, enable],
  );
}
