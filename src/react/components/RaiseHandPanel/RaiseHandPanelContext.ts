import { createContext, useContext } from 'react';
import type { UseRaiseHandResult } from '../../hooks/useRaiseHand.js';
import type { GetUser } from '../../context/RingkitUsersProvider.js';
import type { RaiseHandPanelLabels } from '../../labels/raiseHandPanelLabels.js';

/**
 * What the parts of `RaiseHandPanel` share: the hook's result, the labels and how to show users.
 * @example const { hand, labels } = useRaiseHandPanel()
 */
export interface RaiseHandPanelContextValue {
  hand: UseRaiseHandResult;
  labels: RaiseHandPanelLabels;
  getUser?: GetUser;
}

/**
 * The context `RaiseHandPanel` gives its parts.
 * @example <RaiseHandPanelContext.Provider value={{ hand, labels }}><RaiseHandQueue /></RaiseHandPanelContext.Provider>
 */
export const RaiseHandPanelContext = createContext<RaiseHandPanelContextValue | null>(null);

/**
 * The panel's shared state, for parts rendered inside `RaiseHandPanel`.
 * @example function MyCount() { const { hand } = useRaiseHandPanel(); return <b>{hand.raisedHands.length}</b> }
 */
export function useRaiseHandPanel(): RaiseHandPanelContextValue {
  const value = useContext(RaiseHandPanelContext);
  if (!value) throw new Error('RaiseHandPanel parts must be rendered inside <RaiseHandPanel>');
  return value;
}
