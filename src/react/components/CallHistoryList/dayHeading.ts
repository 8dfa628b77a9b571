import { dayKey } from '../../data/callRecords.js';
import type { CallHistoryListLabels } from '../../labels/callHistoryListLabels.js';

/**
 * The heading of a day of calls: "Today", "Yesterday", or the date in the labels' locale.
 * @example dayHeading(new Date(), callHistoryListLabels.zh) // '今天'
 */
export function dayHeading(date: Date, labels: CallHistoryListLabels, now = new Date()): string {
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (dayKey(date) === dayKey(now)) return labels.today;
  if (dayKey(date) === dayKey(yesterday)) return labels.yesterday;
  const sameYear = date.getFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat(labels.dateLocale, { weekday: 'short', month: 'long', day: 'numeric', ...(!sameYear && { year: 'numeric' }) }).format(date);
}
