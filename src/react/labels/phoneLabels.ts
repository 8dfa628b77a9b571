import type { ConnectionState } from '../../protocol/events.js';
import type { CallEndReason } from '../../store/deriveCallView.js';
import type { LabelTable } from './commonLabels.js';

/**
 * The end reasons `Phone` puts in words (`answeredElsewhere` is the ringing dialog's to say).
 * @example const r: PhoneEndReason = 'busy'
 */
export type PhoneEndReason = Extract<CallEndReason, 'cancelled' | 'rejected' | 'busy' | 'timeout' | 'hungUp' | 'callerGone' | 'peerGone' | 'failed'>;

/**
 * Every visible string of `Phone` (its dialogs, in-call view and history have their own tables).
 * @example const labels: Partial<PhoneLabels> = { title: 'Support line' }
 */
export interface PhoneLabels {
  /** The phone's heading and accessible name. */
  title: string;
  connection: Record<ConnectionState, string>;
  /** The dial field's label. */
  dialLabel: string;
  dialPlaceholder: string;
  /** The dial form's button. */
  call: string;
  /** The contacts list's name. */
  contacts: string;
  /** A contact's call button as announced. */
  callContact: (name: string) => string;
  /** Shown while the call is being placed (before the server answers). */
  placing: (name: string) => string;
  /** Shown while an incoming call rings (the ringing dialog has the buttons). */
  ringing: (name: string) => string;
  /**
   * How the last call ended, by reason (an incoming call I missed says `missed` instead). Only my
   * own outgoing calls end with `callerGone`: the caller is me, whose connection was lost while it
   * rang, so the server cancelled it.
   */
  ended: Record<PhoneEndReason, (name: string) => string>;
  /** An incoming call I did not answer (cancelled by the caller, timed out, caller gone). */
  missed: (name: string) => string;
  /** Clears the last call's outcome. */
  dismiss: string;
  /** The connection is not ready, so calls cannot be placed. */
  offline: string;
}

/**
 * The built-in `PhoneLabels` in English and Simplified Chinese.
 * @example phoneLabels.zh.call // '呼叫'
 */
export const phoneLabels: LabelTable<PhoneLabels> = {
  en: {
    title: 'Phone',
    connection: { connecting: 'Connecting…', connected: 'Online', reconnecting: 'Reconnecting…', disconnected: 'Offline' },
    dialLabel: 'Call someone',
    dialPlaceholder: 'User ID',
    call: 'Call',
    contacts: 'Contacts',
    callContact: (name) => `Call ${name}`,
    placing: (name) => `Calling ${name}…`,
    ringing: (name) => `${name} is calling`,
    ended: {
      cancelled: (name) => `Call to ${name} cancelled`,
      rejected: (name) => `${name} declined`,
      busy: (name) => `${name} is busy`,
      timeout: (name) => `${name} did not answer`,
      hungUp: (name) => `Call with ${name} ended`,
      callerGone: (name) => `Call to ${name} ended: your connection was lost`,
      peerGone: (name) => `Call with ${name} ended: their connection was lost`,
      failed: (name) => `Could not call ${name}`,
    },
    missed: (name) => `Missed call from ${name}`,
    dismiss: 'OK',
    offline: 'Not connected: calls can be placed once the phone is online.',
  },
  zh: {
    title: '电话',
    connection: { connecting: '正在连接…', connected: '在线', reconnecting: '正在重新连接…', disconnected: '离线' },
    dialLabel: '呼叫他人',
    dialPlaceholder: '用户 ID',
    call: '呼叫',
    contacts: '联系人',
    callContact: (name) => `呼叫${name}`,
    placing: (name) => `正在呼叫${name}…`,
    ringing: (name) => `${name} 来电`,
    ended: {
      cancelled: (name) => `已取消对${name}的呼叫`,
      rejected: (name) => `${name} 拒绝了通话`,
      busy: (name) => `${name} 忙线中`,
      timeout: (name) => `${name} 无应答`,
      hungUp: (name) => `与${name}的通话已结束`,
      callerGone: (name) => `对${name}的呼叫已结束：你的连接已中断`,
      peerGone: (name) => `与${name}的通话已结束：对方连接中断`,
      failed: (name) => `无法呼叫${name}`,
    },
    missed: (name) => `${name} 的未接来电`,
    dismiss: '知道了',
    offline: '未连接：上线后才能呼叫。',
  },
};
