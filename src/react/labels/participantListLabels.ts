import type { LabelTable } from './commonLabels.js';

/**
 * Every visible string of `ParticipantList` (badges of the user states come from `common.states`).
 * @example const labels: Partial<ParticipantListLabels> = { list: 'Students' }
 */
export interface ParticipantListLabels {
  /** The accessible name of the list. */
  list: string;
  /** The label of the search box. */
  search: string;
  /** How many users accepted, are still waiting to answer (pending), and are done. */
  counts: (accepted: number, pending: number, ended: number) => string;
  /** Announced while searching: how many users match. */
  results: (shown: number, total: number) => string;
  /** Shown when nobody matches the search. */
  noMatch: string;
  /** The badge of a user who rejected because they were in another call. */
  busy: string;
}

const count = (n: number) => n.toLocaleString('en');

/**
 * The built-in `ParticipantListLabels` in English and Simplified Chinese.
 * @example participantListLabels.zh.search // '搜索参与者'
 */
export const participantListLabels: LabelTable<ParticipantListLabels> = {
  en: {
    list: 'Participants',
    search: 'Search participants',
    counts: (accepted, pending, ended) => `${count(accepted)} accepted · ${count(pending)} waiting · ${count(ended)} ended`,
    results: (shown, total) => `${count(shown)} of ${count(total)} participants`,
    noMatch: 'No participant matches.',
    busy: 'Busy',
  },
  zh: {
    list: '参与者',
    search: '搜索参与者',
    counts: (accepted, pending, ended) => `已接听 ${accepted} 人 · 等待中 ${pending} 人 · 已结束 ${ended} 人`,
    results: (shown, total) => `共 ${total} 人，匹配 ${shown} 人`,
    noMatch: '没有匹配的参与者。',
    busy: '忙线中',
  },
};
