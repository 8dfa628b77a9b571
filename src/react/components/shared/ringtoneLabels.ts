import type { LabelTable } from '../../labels/commonLabels.js';

/**
 * The strings of the ringtone controls (`RingtoneUnlockButton`, `RingtoneMuteButton`).
 * @example const labels: Partial<RingtoneLabels> = { mute: 'Silence' }
 */
export interface RingtoneLabels {
  /** Shown when the browser blocked the ringtone (no user gesture yet). */
  blocked: string;
  mute: string;
}

/**
 * The built-in `RingtoneLabels` in English and Simplified Chinese.
 * @example ringtoneLabels.zh.blocked
 */
export const ringtoneLabels: LabelTable<RingtoneLabels> = {
  en: { blocked: 'Sound is blocked — click to enable ringing', mute: 'Mute ringtone' },
  zh: { blocked: '声音已被浏览器阻止 — 点击启用铃声', mute: '铃声静音' },
};
