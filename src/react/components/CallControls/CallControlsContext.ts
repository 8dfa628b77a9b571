import { createContext, useContext } from 'react';
import type { UseCallMediaResult } from '../../hooks/useCallMedia.js';
import type { CallControlsLabels } from '../../labels/callControlsLabels.js';

/**
 * What the parts of `CallControls` share: the call's media and the labels.
 * @example const { media, labels } = useCallControlsContext()
 */
export interface CallControlsContextValue {
  media: UseCallMediaResult;
  labels: CallControlsLabels;
}

/**
 * The context `CallControls` provides to its parts.
 * @example <CallControlsContext.Provider value={{ media, labels }}><MuteButton /></CallControlsContext.Provider>
 */
export const CallControlsContext = createContext<CallControlsContextValue | null>(null);

/**
 * The media of the enclosing `CallControls`, for its parts and your own buttons inside it.
 * @example function Mic() { const { media } = useCallControlsContext(); return <button {...media.micButtonProps}>🎤</button> }
 */
export function useCallControlsContext(): CallControlsContextValue {
  const value = useContext(CallControlsContext);
  if (!value) throw new Error('ringkit: CallControls parts must be rendered inside <CallControls>');
  return value;
}
