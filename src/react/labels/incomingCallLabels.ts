import type { RingEndReason } from '../data/ringEndReason.js';
import type { LabelTable } from './commonLabels.js';

/**
 * The strings of the incoming-call components (`RingingDialog`, `IncomingCallToast`).
 * @example const labels: Partial<IncomingCallLabels> = { accept: 'Answer' }
 */
export interface IncomingCallLabels {
  /** The dialog's name: who calls. */
  title: (caller: string) => string;
  /** What the call is. */
  description: (media: 'audio' | 'video', group: boolean, people: number) => string;
  /** Seconds left to answer. */
  countdown: (seconds: number) => string;
  accept: string;
  reject: string;
  /** Call waiting (I am in a call): end it and answer this one. */
  endAndAccept: string;
  decline: string;
  declineBusy: string;
  /** Shown during call waiting. */
  inCall: string;
  /** "1 more call waiting". */
  waiting: (count: number) => string;
  /** Why a call stopped ringing (announced politely for a moment). */
  ended: Record<Exclude<RingEndReason, 'accepted' | 'declined'>, (caller: string) => string>;
}

/**
 * The built-in `IncomingCallLabels` in English and Simplified Chinese.
 * @example incomingCallLabels.zh.accept // '接听'
 */
export const incomingCallLabels: LabelTable<IncomingCallLabels> = {
  en: {
    title: (caller) => `${caller} is calling`,
    description: (media, group, people) =>
      `${group ? 'Group' : 'One-to-one'} ${media === 'video' ? 'video' : 'audio'} call${group ? ` with ${people} people` : ''}`,
    countdown: (s) => `${s} s left to answer`,
    accept: 'Accept',
    reject: 'Reject',
    endAndAccept: 'End and accept',
    decline: 'Decline',
    declineBusy: 'Decline as busy',
    inCall: 'You are in a call',
    waiting: (n) => `${n} more ${n === 1 ? 'call' : 'calls'} waiting`,
    ended: {
      cancelled: (c) => `${c} cancelled the call`,
      timeout: (c) => `Missed call from ${c}`,
      callerGone: (c) => `${c} is no longer reachable; the call ended`,
      answeredElsewhere: (c) => `Call from ${c} answered on another device`,
      declinedElsewhere: (c) => `Call from ${c} declined on another device`,
      busyElsewhere: (c) => `Call from ${c} declined as busy on another device`,
    },
  },
  zh: {
    title: (caller) => `${caller} 来电`,
    description: (media, group, people) => `${group ? `群组${media === 'video' ? '视频' : '语音'}通话（${people} 人）` : media === 'video' ? '视频通话' : '语音通话'}`,
    countdown: (s) => `剩余 ${s} 秒`,
    accept: '接听',
    reject: '拒绝',
    endAndAccept: '结束当前通话并接听',
    decline: '拒绝',
    declineBusy: '忙线拒绝',
    inCall: '你正在通话中',
    waiting: (n) => `还有 ${n} 个来电等待`,
    ended: {
      cancelled: (c) => `${c} 已取消通话`,
      timeout: (c) => `${c} 的未接来电`,
      callerGone: (c) => `${c} 已离线，通话结束`,
      answeredElsewhere: (c) => `${c} 的来电已在其他设备上接听`,
      declinedElsewhere: (c) => `${c} 的来电已在其他设备上拒绝`,
      busyElsewhere: (c) => `${c} 的来电已在其他设备上忙线拒绝`,
    },
  },
};
