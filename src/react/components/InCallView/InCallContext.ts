import { createContext, useContext } from 'react';
import type { UseCallResult } from '../../hooks/useCall.js';
import type { DisplayUser } from '../../context/RingkitUsersProvider.js';
import type { InCallViewLabels } from '../../labels/inCallViewLabels.js';

/**
 * What the parts of `InCallView` share: the call (`useCall`), the peer as shown, the labels.
 * @example const { call, peer } = useInCallContext()
 */
export interface InCallContextValue {
  call: UseCallResult;
  peer: DisplayUser;
  labels: InCallViewLabels;
  /** Element id of the peer's name (the view's heading). */
  titleID: string;
}

/**
 * The context `InCallView` provides to its parts.
 * @example <InCallContext.Provider value={{ call, peer, labels, titleID }}><InCallPeer /></InCallContext.Provider>
 */
export const InCallContext = createContext<InCallContextValue | null>(null);

/**
 * The call of the enclosing `InCallView`, for its parts and your own markup inside it (a media
 * view reads `call.roomID` and `call.callID` here).
 * @example function Room() { const { call } = useInCallContext(); return <MyVideo room={call.roomID!} /> }
 */
export function useInCallContext(): InCallContextValue {
  const value = useContext(InCallContext);
  if (!value) throw new Error('ringkit: InCallView parts must be rendered inside <InCallView>');
  return value;
}
