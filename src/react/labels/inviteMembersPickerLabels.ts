import type { RingkitErrorCode } from '../../protocol/errors.js';
import type { MemberAvailability } from '../data/pickMembers.js';
import type { LabelTable } from './commonLabels.js';

/**
 * Every visible string of `InviteMembersPicker`.
 * @example const labels: Partial<InviteMembersPickerLabels> = { invite: (n) => `Add ${n}` }
 */
export interface InviteMembersPickerLabels {
  /** The legend of the member checkboxes. */
  title: string;
  /** Why a member cannot be picked (shown next to them); `available` is shown for nobody. */
  reasons: Record<Exclude<MemberAvailability, 'available'>, string>;
  /** How many more people the call can take after the current selection. */
  remaining: (n: number) => string;
  /** Shown when the call cannot take anyone more. */
  full: string;
  /** The submit button, with the number selected. */
  invite: (n: number) => string;
  loading: string;
  /** The members could not be loaded. */
  loadFailed: string;
  /** Nobody else is in the group. */
  noMembers: string;
  /** After inviting: who now rings. */
  invited: (names: readonly string[]) => string;
  /** After inviting: who was skipped, and why, by error code (`other` for codes not listed). */
  notInvited: (name: string, reason: string) => string;
  /** The server refused the whole request, and why. */
  failed: (reason: string) => string;
  failures: Partial<Record<RingkitErrorCode, string>> & { other: string };
}

/**
 * The built-in `InviteMembersPickerLabels` in English and Simplified Chinese.
 * @example inviteMembersPickerLabels.zh.full // '通话人数已满'
 */
export const inviteMembersPickerLabels: LabelTable<InviteMembersPickerLabels> = {
  en: {
    title: 'Add people to the call',
    reasons: { inCall: 'In the call', ringing: 'Ringing', full: 'Limit reached' },
    remaining: (n) => (n === 0 ? 'No one else can be added.' : n === 1 ? 'You can add 1 more person.' : `You can add ${n} more people.`),
    full: 'The call is full.',
    invite: (n) => (n === 0 ? 'Invite' : `Invite ${n}`),
    loading: 'Loading members…',
    loadFailed: 'Could not load the members of this group.',
    noMembers: 'Nobody else is in this group.',
    invited: (names) => `Ringing ${new Intl.ListFormat('en', { type: 'conjunction' }).format(names)}.`,
    notInvited: (name, reason) => `${name} was not invited: ${reason}.`,
    failed: (reason) => `Nobody was invited: ${reason}.`,
    failures: {
      INVALID_STATE: 'already in the call or ringing',
      CALL_USER_LIMIT: 'the call is full',
      NOT_GROUP_MEMBER: 'not a member of this group',
      NO_PERMISSION: 'only people in the call can add others',
      NOT_CONNECTED: 'you are offline',
      other: 'something went wrong, try again',
    },
  },
  zh: {
    title: '添加成员到通话',
    reasons: { inCall: '已在通话中', ringing: '正在响铃', full: '已达人数上限' },
    remaining: (n) => (n === 0 ? '不能再添加了。' : `还可添加 ${n} 人。`),
    full: '通话人数已满。',
    invite: (n) => (n === 0 ? '邀请' : `邀请 ${n} 人`),
    loading: '正在加载成员…',
    loadFailed: '无法加载本群成员。',
    noMembers: '群里没有其他成员。',
    invited: (names) => `正在呼叫${names.join('、')}。`,
    notInvited: (name, reason) => `未能邀请${name}：${reason}。`,
    failed: (reason) => `邀请失败：${reason}。`,
    failures: {
      INVALID_STATE: '已在通话中或正在响铃',
      CALL_USER_LIMIT: '通话人数已满',
      NOT_GROUP_MEMBER: '不是本群成员',
      NO_PERMISSION: '只有通话中的人可以邀请他人',
      NOT_CONNECTED: '你已离线',
      other: '出现问题，请重试',
    },
  },
};
