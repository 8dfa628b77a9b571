/** RingingDialog, its parts, and the context and labels it shares with IncomingCallToast. */
export { RingingDialog, RingingDialogLayout, type RingingDialogProps } from './RingingDialog.js';
export { RingEndStatus } from './RingEndStatus.js';
export { RingingActions } from './RingingActions.js';
export { AcceptButton, DeclineBusyButton, EndAndAcceptButton, RejectButton, type RingingButtonProps } from './RingingButtons.js';
export { RingingCallContext, useRingingCallContext, type RingingCallContextValue } from './RingingCallContext.js';
export { RingingCaller } from './RingingCaller.js';
export { RingingCountdown } from './RingingCountdown.js';
export { RingingQueueNote } from './RingingQueueNote.js';
export type { IncomingCallProps } from './useRingingCallValue.js';
export { incomingCallLabels, type IncomingCallLabels } from '../../labels/incomingCallLabels.js';
