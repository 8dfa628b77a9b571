import type { CallRecordKind } from '../data/callRecords.js';
import type { LabelTable } from './commonLabels.js';

/**
 * Every visible string of `CallHistoryList` and its parts.
 * @example <CallHistoryList labels={{ callBack: 'Redial' }} />
 */
export interface CallHistoryListLabels {
  /** The list's accessible name. */
  title: string;
  /** The filter's legend (read by screen readers). */
  filter: string;
  all: string;
  missed: string;
  today: string;
  yesterday: string;
  /** A BCP 47 locale for dates and times (e.g. 'zh-CN'). */
  dateLocale: string;
  kinds: Record<CallRecordKind, string>;
  incoming: string;
  outgoing: string;
  busy: string;
  answeredElsewhere: string;
  /** A call's length, e.g. "3:12". */
  duration: (seconds: number) => string;
  /** "+2" after the first callee of a call to several people. */
  andMore: (count: number) => string;
  callBack: string;
  /** The Call back button as announced: the visible words, then the peer's name. */
  callBackTo: (name: string) => string;
  empty: string;
  emptyMissed: string;
  loading: string;
  more: string;
  /** Announced and shown next to the Missed filter while there are unseen missed calls. */
  unseenMissed: (count: number) => string;
  unseen: string;
}

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/**
 * The built-in `CallHistoryListLabels` in English and Simplified Chinese.
 * @example callHistoryListLabels.zh.kinds.missed // '未接来电'
 */
export const callHistoryListLabels: LabelTable<CallHistoryListLabels> = {
  en: {
    title: 'Call history',
    filter: 'Show',
    all: 'All',
    missed: 'Missed',
    today: 'Today',
    yesterday: 'Yesterday',
    dateLocale: 'en-US',
    kinds: { missed: 'Missed call', declined: 'Declined', cancelled: 'Cancelled', noAnswer: 'No answer', answered: 'Answered', ongoing: 'In progress' },
    incoming: 'Incoming',
    outgoing: 'Outgoing',
    busy: 'busy',
    answeredElsewhere: 'on another device',
    duration: clock,
    andMore: (n) => `+${n}`,
    callBack: 'Call back',
    callBackTo: (name) => `Call back: ${name}`,
    empty: 'No calls yet.',
    emptyMissed: 'No missed calls.',
    loading: 'Loading calls…',
    more: 'Show older calls',
    unseenMissed: (n) => (n === 1 ? '1 new missed call' : `${n} new missed calls`),
    unseen: 'New',
  },
  zh: {
    title: '通话记录',
    filter: '显示',
    all: '全部',
    missed: '未接',
    today: '今天',
    yesterday: '昨天',
    dateLocale: 'zh-CN',
    kinds: { missed: '未接来电', declined: '已拒绝', cancelled: '已取消', noAnswer: '无人接听', answered: '已接通', ongoing: '进行中' },
    incoming: '呼入',
    outgoing: '呼出',
    busy: '忙线',
    answeredElsewhere: '已在其他设备处理',
    duration: (s) => `通话 ${clock(s)}`,
    andMore: (n) => `等 ${n + 1} 人`,
    callBack: '回拨',
    callBackTo: (name) => `回拨：${name}`,
    empty: '还没有通话记录。',
    emptyMissed: '没有未接来电。',
    loading: '正在加载通话记录…',
    more: '查看更早的通话',
    unseenMissed: (n) => `${n} 个新的未接来电`,
    unseen: '新',
  },
};
