/** `OutgoingCallDialog`, its parts and labels. @module */
export { OutgoingCallDialog, type OutgoingCallDialogProps, type OutgoingCallPlacement } from './OutgoingCallDialog.js';
export { OutgoingCallInvitees, type OutgoingCallInviteesProps } from './OutgoingCallInvitees.js';
export { OutgoingCallInvitee, type OutgoingCallInviteeProps } from './OutgoingCallInvitee.js';
export { OutgoingCallCancelButton, type OutgoingCallCancelButtonProps } from './OutgoingCallCancelButton.js';
export { useOutgoingCallContext, type OutgoingCallContextValue } from './OutgoingCallContext.js';
export { outgoingCallDialogLabels, type OutgoingCallDialogLabels } from '../../labels/outgoingCallDialogLabels.js';
