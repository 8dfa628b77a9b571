/** RaiseHandPanel, its parts and its labels. */
export { RaiseHandPanel, type RaiseHandPanelProps } from './RaiseHandPanel.js';
export { RaiseHandAskForm, type RaiseHandAskFormProps } from './RaiseHandAskForm.js';
export { RaiseHandQueue, type RaiseHandQueueProps } from './RaiseHandQueue.js';
export { RaiseHandSpeaker } from './RaiseHandSpeaker.js';
export { RaiseHandStudentControls } from './RaiseHandStudentControls.js';
export { RaiseHandTeacherActions } from './RaiseHandTeacherActions.js';
export { RaiseHandPanelContext, useRaiseHandPanel, type RaiseHandPanelContextValue } from './RaiseHandPanelContext.js';
export { raiseHandPanelLabels, type RaiseHandPanelLabels } from '../../labels/raiseHandPanelLabels.js';
