import { createContext, useContext } from 'react';
import type { ConnectionState } from '../../src/index.js';

/** The end reasons `useCall` reports that the phone card puts in words (its type is open for app values; answeredElsewhere is the RingingDialog's to say). */
export type KnownEndReason = 'cancelled' | 'rejected' | 'busy' | 'timeout' | 'hungUp' | 'callerGone' | 'failed';

/**
 * Every text of the demo's own screens, in English and Chinese (the kit's components carry their
 * own labels). A missing key in `zh` is a type error.
 * @example const t = useDemoLabels(); <button>{t.callUser('bob')}</button>
 */
export const en = {
  title: 'ringkit demo',
  tagline: 'Call invitations on your own server. Open this page in another tab, sign in as someone else and call.',
  userID: 'User ID',
  signIn: 'Sign in',
  signOut: 'Sign out',
  notifyMe: 'Notify me of calls in other tabs',
  ringWhenClosed: 'Ring me when this tab is closed',
  ringWhenClosedFailed: (why: string) => `Cannot ring while closed: ${why}`,
  signedInAs: (userID: string) => `Signed in as ${userID}`,
  idProblem: { empty: 'Type a name.', spaces: 'No spaces at the start or end.', long: 'At most 64 bytes.' },
  theme: 'Theme',
  light: 'Light',
  dark: 'Dark',
  language: 'Language',
  connection: 'Connection',
  connectionState: {
    connecting: 'connecting…',
    connected: 'connected',
    reconnecting: 'reconnecting…',
    disconnected: 'disconnected',
  } satisfies Record<ConnectionState, string>,
  online: 'Online now',
  you: '(you)',
  nobodyOnline: 'Nobody else is online. Open this page in another tab and sign in with another name.',
  callUser: (userID: string) => `Call ${userID}`,
  callee: 'Callee',
  call: 'Call',
  whenBusy: 'When I am in a call',
  busyReject: 'Reply busy',
  busyRing: 'Call waiting (let it ring)',
  phone: 'Phone',
  idle: 'No call. Pick someone online, or type a name.',
  calling: (userID: string) => `Calling ${userID}…`,
  inCallWith: (userID: string) => `In a call with ${userID}`,
  duration: 'Call duration',
  hangUp: 'Hang up',
  videoCall: 'Video call',
  ended: {
    cancelled: (peer: string) => `Call to ${peer} cancelled`,
    rejected: (peer: string) => `${peer} declined`,
    busy: (peer: string) => `${peer} is busy`,
    timeout: (peer: string) => `${peer} did not answer`,
    hungUp: (peer: string) => `Call with ${peer} ended`,
    // Only my own outgoing call ends so for the phone card (an incoming one is a missed call): the caller gone is me.
    callerGone: (peer: string) => `Call to ${peer} ended: your connection was lost`,
    failed: (peer: string) => `Could not call ${peer}`,
  } satisfies Record<KnownEndReason, (peer: string) => string>,
  incomingMissed: (peer: string) => `Missed call from ${peer}`,
  ok: 'OK',
  tabs: 'Sections',
  tabCalls: 'Calls',
  tabGroup: 'Group call',
  tabClassroom: 'Classroom',
  incomingFrom: (peer: string) => `Call from ${peer}`,
  startGroupCall: 'Start group call',
  members: 'Members to call',
  noCandidates: 'Nobody else is online to call.',
  groupCalls: 'Group calls',
  noGroupCalls: 'No group call in progress.',
  groupCall: (inviter: string) => `Group call started by ${inviter}`,
  accept: 'Accept',
  reject: 'Reject',
  join: 'Join',
  quit: 'Leave',
  end: 'End for everyone',
  classroom: 'Classroom',
  teacherIntro: 'You are the teacher (the first to enter).',
  studentIntro: (teacher: string) => `You are a student. Teacher: ${teacher}.`,
  joining: 'Entering the classroom…',
  students: (n: number) => `${n} student${n === 1 ? '' : 's'} in class`,
};

/** The shape every language must fill. */
export type DemoLabels = typeof en;

export const zh: DemoLabels = {
  title: 'ringkit 演示',
  tagline: '在你自己的服务器上进行呼叫邀请。在另一个标签页打开本页，用另一个名字登录并呼叫。',
  userID: '用户 ID',
  signIn: '登录',
  signOut: '退出登录',
  notifyMe: '在其他标签页时通知我来电',
  ringWhenClosed: '关闭此标签页后仍为我响铃',
  ringWhenClosedFailed: (why) => `无法在关闭后响铃：${why}`,
  signedInAs: (userID) => `已登录：${userID}`,
  idProblem: { empty: '请输入名字。', spaces: '开头和结尾不能有空格。', long: '最多 64 字节。' },
  theme: '主题',
  light: '浅色',
  dark: '深色',
  language: '语言',
  connection: '连接',
  connectionState: { connecting: '连接中…', connected: '已连接', reconnecting: '重新连接中…', disconnected: '已断开' },
  online: '在线用户',
  you: '（你）',
  nobodyOnline: '没有其他人在线。在另一个标签页打开本页并用另一个名字登录。',
  callUser: (userID) => `呼叫 ${userID}`,
  callee: '被叫',
  call: '呼叫',
  whenBusy: '通话中来电时',
  busyReject: '回复忙线',
  busyRing: '呼叫等待（继续响铃）',
  phone: '电话',
  idle: '没有通话。选择一位在线用户，或输入名字。',
  calling: (userID) => `正在呼叫 ${userID}…`,
  inCallWith: (userID) => `正在与 ${userID} 通话`,
  duration: '通话时长',
  hangUp: '挂断',
  videoCall: '视频通话',
  ended: {
    cancelled: (peer) => `呼叫 ${peer} 已取消`,
    rejected: (peer) => `${peer} 已拒绝`,
    busy: (peer) => `${peer} 忙线中`,
    timeout: (peer) => `${peer} 无应答`,
    hungUp: (peer) => `与 ${peer} 的通话已结束`,
    callerGone: (peer) => `呼叫 ${peer} 已结束：你的连接已中断`,
    failed: (peer) => `无法呼叫 ${peer}`,
  },
  incomingMissed: (peer) => `来自 ${peer} 的未接来电`,
  ok: '好',
  tabs: '版块',
  tabCalls: '通话',
  tabGroup: '群组通话',
  tabClassroom: '课堂',
  incomingFrom: (peer) => `来自 ${peer} 的来电`,
  startGroupCall: '发起群组通话',
  members: '要呼叫的成员',
  noCandidates: '没有其他在线用户可以呼叫。',
  groupCalls: '群组通话',
  noGroupCalls: '没有进行中的群组通话。',
  groupCall: (inviter) => `${inviter} 发起的群组通话`,
  accept: '接受',
  reject: '拒绝',
  join: '加入',
  quit: '离开',
  end: '为所有人结束',
  classroom: '课堂',
  teacherIntro: '你是老师（第一个进入）。',
  studentIntro: (teacher) => `你是学生。老师：${teacher}。`,
  joining: '正在进入课堂…',
  students: (n) => `课堂中有 ${n} 名学生`,
};

/** The demo's languages. */
export type DemoLanguage = 'en' | 'zh';

export const DEMO_LABELS: Record<DemoLanguage, DemoLabels> = { en, zh };

/** The current language's labels. */
export const DemoLabelsContext = createContext<DemoLabels>(en);

/**
 * The demo's labels in the chosen language.
 * @example const t = useDemoLabels(); t.hangUp
 */
export function useDemoLabels(): DemoLabels {
  return useContext(DemoLabelsContext);
}
