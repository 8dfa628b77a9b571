import { createContext, useContext } from 'react';
import type { UseRingingCallResult } from '../../hooks/useRingingCall.js';
import type { UseRingtoneResult } from '../../hooks/useRingtone.js';
import type { IncomingCallLabels } from '../../labels/incomingCallLabels.js';
import type { GetUser } from '../../context/RingkitUsersProvider.js';

/**
 * What the parts of an incoming-call component read: the ringing call, its ringtone, the labels
 * and how to show users. `RingingDialog` and `IncomingCallToast` provide it.
 * @example const { ring, labels } = useRingingCallContext()
 */
export interface RingingCallContextValue {
  ring: UseRingingCallResult;
  ringtone: UseRingtoneResult;
  labels: IncomingCallLabels;
  getUser: GetUser | undefined;
  /** Element ids of the title and description (for aria-labelledby / aria-describedby). */
  titleID: string;
  descriptionID: string;
}

/**
 * The context of the incoming-call parts.
 * @example <RingingCallContext.Provider value={value}><RingingActions /></RingingCallContext.Provider>
 */
export const RingingCallContext = createContext<RingingCallContextValue | null>(null);

/**
 * Reads `RingingCallContext` (throws outside `RingingDialog` / `IncomingCallToast`).
 * @example const { ring } = useRingingCallContext()
 */
export function useRingingCallContext(): RingingCallContextValue {
  const value = useContext(RingingCallContext);
  if (!value) throw new Error('ringkit: incoming-call parts must be rendered inside RingingDialog or IncomingCallToast');
  return value;
}
