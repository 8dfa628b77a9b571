/** `CallControls`, its parts and labels. @module */
export { CallControls, type CallControlsProps } from './CallControls.js';
export { CallControlsContext, useCallControlsContext, type CallControlsContextValue } from './CallControlsContext.js';
export { MuteButton } from './MuteButton.js';
export { CameraButton } from './CameraButton.js';
export { DevicePicker } from './DevicePicker.js';
export { CallHangUpButton } from './CallHangUpButton.js';
export { callControlsLabels, type CallControlsLabels } from '../../labels/callControlsLabels.js';
