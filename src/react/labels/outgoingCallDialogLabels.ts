import type { RingkitErrorCode } from '../../protocol/errors.js';
import type { OutgoingCallStatus } from '../types/OutgoingCallStatus.js';
import type { LabelTable } from './commonLabels.js';

/**
 * Every visible string of `OutgoingCallDialog` (badges of the user states come from `common.states`).
 * @example const labels: Partial<OutgoingCallDialogLabels> = { cancel: 'Hang up' }
 */
export interface OutgoingCallDialogLabels {
  /** The dialog's title and accessible name, from the invitees' display names. */
  title: (names: readonly string[]) => string;
  /** The line under the title for each overall status. */
  summary: Record<OutgoingCallStatus, string>;
  /** The list of invitees. */
  invitees: string;
  /** The badge of an invitee who rejected because they were in another call. */
  busy: string;
  /** The badge of someone the server did not invite (see `failures`). */
  notInvited: string;
  /** Why the server did not invite someone, by error code; `other` for any code not listed. */
  failures: Partial<Record<RingkitErrorCode, string>> & { other: string };
  /** Cancels the whole invitation. */
  cancel: string;
  /** The accessible name of the button that cancels one invitee of a group call. */
  cancelInvitee: (name: string) => string;
  /** Shown (as an alert) when a cancel request failed. */
  cancelFailed: string;
  /** Closes the dialog once nobody rings any more. */
  close: string;
  /** What the live region says when an invitee's state changes (`state` is their new badge). */
  announce: (name: string, state: string) => string;
  /** What the live region says when the call reached an invitee's device (state `received`). */
  delivered: string;
}

const joinEn = (names: readonly string[]) =>
  names.length <= 3 ? new Intl.ListFormat('en', { type: 'conjunction' }).format(names) : `${names.slice(0, 2).join(', ')} and ${names.length - 2} others`;
const joinZh = (names: readonly string[]) => (names.length <= 3 ? names.join('、') : `${names.slice(0, 2).join('、')}等 ${names.length} 人`);

/**
 * The built-in `OutgoingCallDialogLabels` in English and Simplified Chinese.
 * @example outgoingCallDialogLabels.zh.cancel // '取消'
 */
export const outgoingCallDialogLabels: LabelTable<OutgoingCallDialogLabels> = {
  en: {
    title: (names) => `Calling ${joinEn(names)}`,
    summary: {
      idle: '',
      calling: 'Waiting for an answer…',
      answered: 'Answered',
      cancelled: 'Call cancelled',
      declined: 'Declined',
      unanswered: 'No answer',
    },
    invitees: 'Invitees',
    busy: 'Busy',
    notInvited: 'Not invited',
    failures: {
      NOT_GROUP_MEMBER: 'Not a member of this group',
      INVALID_STATE: 'Already in the call or ringing',
      CALL_USER_LIMIT: 'The call is full',
      NO_VALID_INVITEE: 'Could not be invited',
      other: 'Could not be invited',
    },
    cancel: 'Cancel',
    cancelInvitee: (name) => `Cancel ${name}`,
    cancelFailed: 'Could not cancel the call. Try again.',
    close: 'Close',
    announce: (name, state) => `${name}: ${state}`,
    delivered: 'delivered, ringing',
  },
  zh: {
    title: (names) => `正在呼叫${joinZh(names)}`,
    summary: {
      idle: '',
      calling: '等待对方接听…',
      answered: '已接听',
      cancelled: '已取消呼叫',
      declined: '对方已拒绝',
      unanswered: '无人接听',
    },
    invitees: '被邀请人',
    busy: '忙线中',
    notInvited: '未能邀请',
    failures: {
      NOT_GROUP_MEMBER: '不是本群成员',
      INVALID_STATE: '已在通话中或正在响铃',
      CALL_USER_LIMIT: '通话人数已满',
      NO_VALID_INVITEE: '无法邀请',
      other: '无法邀请',
    },
    cancel: '取消',
    cancelInvitee: (name) => `取消呼叫${name}`,
    cancelFailed: '取消失败，请重试。',
    close: '关闭',
    announce: (name, state) => `${name}：${state}`,
    delivered: '已送达，响铃中',
  },
};
