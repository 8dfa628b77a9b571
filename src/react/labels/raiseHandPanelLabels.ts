import type { LabelTable } from './commonLabels.js';

/**
 * Every visible string of `RaiseHandPanel` and its parts.
 * @example <RaiseHandPanel groupID="class-1" labels={{ ask: 'Hands up, please' }} />
 */
export interface RaiseHandPanelLabels {
  /** The panel's accessible name. */
  title: string;
  ask: string;
  promptLabel: string;
  promptPlaceholder: string;
  /** The raised-hands list's accessible name. */
  raisedHands: string;
  noHands: string;
  /** The visible position of a raised hand in the queue. */
  position: (position: number) => string;
  inviteToSpeak: string;
  /** A row's Invite to speak button as announced: the visible words, then the student's name. */
  inviteToSpeakName: (name: string) => string;
  inviteNext: string;
  lowerAll: string;
  speakingNow: string;
  /** A student's answer to the invitation to speak. */
  speakState: { invited: string; speaking: string; declined: string; noAnswer: string };
  /** "2 of 4 raised" while the round is open. */
  summary: (raised: number, asked: number) => string;
  roundClosed: string;
  raiseHand: string;
  lowerHand: string;
  /** The student's place in the queue. */
  yourPosition: (position: number) => string;
  handLowered: string;
  /** A student's line once the teacher lowered every hand. */
  allLowered: string;
  waiting: string;
  asked: string;
  invitedToSpeak: string;
  acceptSpeak: string;
  declineSpeak: string;
  youAreSpeaking: string;
}

/**
 * The built-in `RaiseHandPanelLabels` in English and Simplified Chinese.
 * @example raiseHandPanelLabels.zh.raiseHand // '举手'
 */
export const raiseHandPanelLabels: LabelTable<RaiseHandPanelLabels> = {
  en: {
    title: 'Raise hands',
    ask: 'Ask to raise hands',
    promptLabel: 'Question (optional)',
    promptPlaceholder: 'e.g. Who knows 7 × 8?',
    raisedHands: 'Raised hands',
    noHands: 'No hands raised yet.',
    position: (n) => `${n}.`,
    inviteToSpeak: 'Invite to speak',
    inviteToSpeakName: (name) => `Invite to speak: ${name}`,
    inviteNext: 'Invite next',
    lowerAll: 'Lower all',
    speakingNow: 'Speaking now',
    speakState: { invited: 'Invited', speaking: 'Speaking', declined: 'Declined', noAnswer: 'No answer' },
    summary: (raised, asked) => `${raised} of ${asked} raised a hand`,
    roundClosed: 'Round closed: every hand is down.',
    raiseHand: 'Raise hand',
    lowerHand: 'Lower hand',
    yourPosition: (n) => `Your hand is up: number ${n} in line.`,
    handLowered: 'You lowered your hand.',
    allLowered: 'The teacher lowered every hand.',
    waiting: 'Waiting for the teacher to ask.',
    asked: 'The teacher asks you to raise your hand.',
    invitedToSpeak: 'You are invited to speak',
    acceptSpeak: 'Accept',
    declineSpeak: 'Decline',
    youAreSpeaking: 'You are speaking.',
  },
  zh: {
    title: '举手',
    ask: '请大家举手',
    promptLabel: '问题（可选）',
    promptPlaceholder: '例如：7 × 8 等于几？',
    raisedHands: '举手名单',
    noHands: '还没有人举手。',
    position: (n) => `${n}.`,
    inviteToSpeak: '邀请发言',
    inviteToSpeakName: (name) => `邀请发言：${name}`,
    inviteNext: '请下一位',
    lowerAll: '全部放下',
    speakingNow: '正在发言',
    speakState: { invited: '已邀请', speaking: '发言中', declined: '已婉拒', noAnswer: '未应答' },
    summary: (raised, asked) => `${asked} 人中 ${raised} 人举手`,
    roundClosed: '本轮已结束，大家都已放下手。',
    raiseHand: '举手',
    lowerHand: '放下手',
    yourPosition: (n) => `你已举手，排在第 ${n} 位。`,
    handLowered: '你已放下手。',
    allLowered: '老师已请大家放下手。',
    waiting: '等待老师提问。',
    asked: '老师请大家举手。',
    invitedToSpeak: '老师邀请你发言',
    acceptSpeak: '接受',
    declineSpeak: '婉拒',
    youAreSpeaking: '你正在发言。',
  },
};
