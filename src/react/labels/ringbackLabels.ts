import type { LabelTable } from './commonLabels.js';
import type { RingtoneLabels } from './ringtoneLabels.js';

/**
 * The built-in `RingtoneLabels` of the caller's ringback (the tone heard while the callee's phone
 * rings), in English and Simplified Chinese: not a ringtone, so it says "ringback" (回铃音).
 * @example ringbackLabels.en.mute // 'Mute ringback'
 */
export const ringbackLabels: LabelTable<RingtoneLabels> = {
  en: { blocked: 'Sound is blocked — click to enable ringing', failed: 'The ringback could not be played — click to try again', mute: 'Mute ringback' },
  zh: { blocked: '声音已被浏览器阻止 — 点击启用回铃音', failed: '回铃音无法播放 — 点击重试', mute: '回铃音静音' },
};
