/** `ParticipantList`, its parts and labels. @module */
export { ParticipantList, type ParticipantListProps } from './ParticipantList.js';
export { ParticipantListRow, type ParticipantListRowProps, type ParticipantRowRenderer } from './ParticipantListRow.js';
export { ParticipantListItem, type ParticipantListItemProps } from './ParticipantListItem.js';
export { participantListLabels, type ParticipantListLabels } from '../../labels/participantListLabels.js';
