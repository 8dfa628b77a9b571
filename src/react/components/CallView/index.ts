/** `CallView`, its parts and labels. @module */
export { CallView, type CallViewProps } from './CallView.js';
export { CallViewContext, useCallViewContext, type CallViewContextValue } from './CallViewContext.js';
export { CallViewStage } from './CallViewStage.js';
export { CallViewSelf } from './CallViewSelf.js';
export { CallViewStatus } from './CallViewStatus.js';
export { CallViewTile, type CallViewTileProps } from './CallViewTile.js';
export { MediaVideo, type MediaVideoProps } from './MediaVideo.js';
export { MicOffIcon } from './MicOffIcon.js';
export { callViewLabels, type CallViewLabels } from '../../labels/callViewLabels.js';
