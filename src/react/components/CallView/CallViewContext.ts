import { createContext, useContext } from 'react';
import type { UseCallMediaResult } from '../../hooks/useCallMedia.js';
import type { GetUser } from '../../context/RingkitUsersProvider.js';
import type { CallViewLabels } from '../../labels/callViewLabels.js';

/**
 * What the parts of `CallView` (and `CallControls` inside it) share: the call's media, the labels
 * and the user lookup.
 * @example const { media, labels } = useCallViewContext()
 */
export interface CallViewContextValue {
  media: UseCallMediaResult;
  labels: CallViewLabels;
  getUser?: GetUser | undefined;
}

/**
 * The context `CallView` provides to its parts.
 * @example <CallViewContext.Provider value={value}><CallViewStage /></CallViewContext.Provider>
 */
export const CallViewContext = createContext<CallViewContextValue | null>(null);

/**
 * The media of the enclosing `CallView`, for its parts and your own markup inside it.
 * @example function Rtt() { const { media } = useCallViewContext(); return <span>{media.quality.roundTripTimeMs} ms</span> }
 */
export function useCallViewContext(): CallViewContextValue {
  const value = useContext(CallViewContext);
  if (!value) throw new Error('ringkit: CallView parts must be rendered inside <CallView>');
  return value;
}

/**
 * The media of the enclosing `CallView`, or undefined outside one (for `CallControls`, which also stands alone).
 * @example const media = useOptionalCallViewContext()?.media
 */
export function useOptionalCallViewContext(): CallViewContextValue | null {
  return useContext(CallViewContext);
}
