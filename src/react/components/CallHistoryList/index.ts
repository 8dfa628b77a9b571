/** CallHistoryList, its parts and its labels. */
export { CallHistoryList, type CallHistoryListProps } from './CallHistoryList.js';
export { CallHistoryFilter, type CallHistoryFilterProps, type CallHistoryFilterValue } from './CallHistoryFilter.js';
export { CallRecordRow, type CallRecordRowProps } from './CallRecordRow.js';
export { dayHeading } from './dayHeading.js';
export { callHistoryListLabels, type CallHistoryListLabels } from '../../labels/callHistoryListLabels.js';
