import type { LabelTable } from './commonLabels.js';

/**
 * The strings of the sound controls (`RingtoneUnlockButton`, `RingtoneMuteButton`). Two tables
 * have this shape: `ringtone` for the callee's ringtone (`RingingDialog`, `IncomingCallToast`) and
 * `ringback` for the caller's ringback, the tone heard while the other phone rings
 * (`OutgoingCallDialog`); the controls' `kind` prop chooses.
 * @example const labels: Partial<RingtoneLabels> = { mute: 'Silence' }
 */
export interface RingtoneLabels {
  /** Shown when the browser blocked the sound (no user gesture yet). */
  blocked: string;
  /** Shown, in the same place, when the sound could not be loaded or decoded (a click tries again). */
  failed: string;
  /** The mute toggle's name (it stays the same while muted: `aria-pressed` says the state). */
  mute: string;
}

/**
 * The built-in `RingtoneLabels` of the callee's ringtone, in English and Simplified Chinese.
 * @example ringtoneLabels.zh.blocked
 */
export const ringtoneLabels: LabelTable<RingtoneLabels> = {
  en: { blocked: 'Sound is blocked — click to enable ringing', failed: 'The ringtone could not be played — click to try again', mute: 'Mute ringtone' },
  zh: { blocked: '声音已被浏览器阻止 — 点击启用铃声', failed: '铃声无法播放 — 点击重试', mute: '铃声静音' },
};
