/** `DetachedCallNotice` and its labels. @module */
export { DetachedCallNotice, type DetachedCallNoticeProps } from './DetachedCallNotice.js';
export { detachedCallNoticeLabels, type DetachedCallNoticeLabels } from '../../labels/detachedCallNoticeLabels.js';
