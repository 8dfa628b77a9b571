import type { LabelTable } from './commonLabels.js';

/**
 * Every visible string of `DetachedCallNotice`.
 * @example const labels: Partial<DetachedCallNoticeLabels> = { endCall: 'Hang up there' }
 */
export interface DetachedCallNoticeLabels {
  /** The notice's heading and accessible name: who the call is with (names joined). */
  title: (names: string) => string;
  /** What happens if I do nothing. */
  hint: string;
  continueHere: string;
  endCall: string;
  /** The heading instead of `title` while nobody has answered the call yet (it still rings for them). */
  callingTitle: (names: string) => string;
  /** The hint instead of `hint` while the call still rings. */
  callingHint: string;
  /** The button instead of `endCall` while the call still rings: cancels it. */
  cancelCall: string;
}

/**
 * The built-in `DetachedCallNoticeLabels` in English and Simplified Chinese.
 * @example detachedCallNoticeLabels.zh.continueHere // '在此继续'
 */
export const detachedCallNoticeLabels: LabelTable<DetachedCallNoticeLabels> = {
  en: {
    title: (names) => `You are still in a call with ${names} on another device`,
    hint: 'That device is no longer connected. Continue the call here, or end it.',
    continueHere: 'Continue here',
    endCall: 'End call',
    callingTitle: (names) => `You are calling ${names} from another device`,
    callingHint: 'That device is no longer connected, but the call still rings. Continue it here, or cancel it.',
    cancelCall: 'Cancel call',
  },
  zh: {
    title: (names) => `你仍在另一台设备上与${names}通话`,
    hint: '那台设备已断开连接。可在此继续通话，或结束通话。',
    continueHere: '在此继续',
    endCall: '结束通话',
    callingTitle: (names) => `你正在另一台设备上呼叫${names}`,
    callingHint: '那台设备已断开连接，但对方仍在响铃。可在此继续呼叫，或取消呼叫。',
    cancelCall: '取消呼叫',
  },
};
