import type { CallUserState } from '../../protocol/types.js';

/**
 * A built-in language of ringkit's components: English or Simplified Chinese.
 * @example <RingkitLabelsProvider locale="zh">…</RingkitLabelsProvider>
 */
export type RingkitLocale = 'en' | 'zh';

/**
 * One table of visible strings per built-in language. Components keep theirs next to them
 * (`components/<Name>/labels.ts`) as a `LabelTable<TheirLabels>`.
 * @example const myLabels: LabelTable<{ title: string }> = { en: { title: 'Call' }, zh: { title: '通话' } }
 */
export type LabelTable<T> = Readonly<Record<RingkitLocale, T>>;

/**
 * Strings every component shares: the name of each user state (a new state is a type error until
 * it is labelled here) and a few generic words.
 * @example const s: CommonLabels['states'] = commonLabels.en.states
 */
export interface CommonLabels {
  /** The badge text of each `CallUserState`. */
  states: Record<CallUserState, string>;
  /** A user shown as "you". */
  you: string;
  /** "12 s" for a countdown. */
  seconds: (seconds: number) => string;
}

/**
 * The built-in `CommonLabels` in English and Simplified Chinese.
 * @example commonLabels.zh.states.accepted // '已接听'
 */
export const commonLabels: LabelTable<CommonLabels> = {
  en: {
    states: {
      inviting: 'Not delivered yet',
      received: 'Ringing',
      notYetReceived: 'Offline',
      accepted: 'Accepted',
      rejected: 'Declined',
      cancelled: 'Cancelled',
      timeout: 'No answer',
      quit: 'Left',
    },
    you: 'You',
    seconds: (s) => `${s} s`,
  },
  zh: {
    states: {
      inviting: '尚未送达',
      received: '响铃中',
      notYetReceived: '离线',
      accepted: '已接听',
      rejected: '已拒绝',
      cancelled: '已取消',
      timeout: '无应答',
      quit: '已离开',
    },
    you: '我',
    seconds: (s) => `${s} 秒`,
  },
};
