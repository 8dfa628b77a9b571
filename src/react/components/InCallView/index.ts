/** `InCallView`, its parts and labels. @module */
export { InCallView, type InCallViewProps } from './InCallView.js';
export { InCallPeer } from './InCallPeer.js';
export { InCallTimer } from './InCallTimer.js';
export { HangUpButton, type HangUpButtonProps } from './HangUpButton.js';
export { InCallContext, useInCallContext, type InCallContextValue } from './InCallContext.js';
export { inCallViewLabels, formatCallDuration, type InCallViewLabels } from '../../labels/inCallViewLabels.js';
