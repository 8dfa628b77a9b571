import { createContext, useContext } from 'react';
import type { SignalingClient } from '../../../client/SignalingClient.js';
import type { ErrorInvitee } from '../../../protocol/wire.js';
import type { UseOutgoingCallResult } from '../../hooks/useOutgoingCall.js';
import type { UseRingtoneResult } from '../../hooks/useRingtone.js';
import type { GetUser } from '../../context/RingkitUsersProvider.js';
import type { OutgoingCallDialogLabels } from '../../labels/outgoingCallDialogLabels.js';

/**
 * What the parts of `OutgoingCallDialog` share: the call, its ringback, the invitees the server
 * skipped, the labels and the user lookup.
 * @example const { call, labels } = useOutgoingCallContext()
 */
export interface OutgoingCallContextValue {
  call: UseOutgoingCallResult;
  /** The ringback (`useRingtone`), silent without the `ringback` prop. */
  ringback: UseRingtoneResult;
  errorInvitees: readonly ErrorInvitee[];
  labels: OutgoingCallDialogLabels;
  getUser?: GetUser | undefined;
  client?: SignalingClient | undefined;
  /** Hides the dialog and calls its `onClose`. */
  close: () => void;
}

/**
 * The context `OutgoingCallDialog` provides to its parts.
 * @example <OutgoingCallContext.Provider value={value}><OutgoingCallCancelButton /></OutgoingCallContext.Provider>
 */
export const OutgoingCallContext = createContext<OutgoingCallContextValue | null>(null);

/**
 * The call of the enclosing `OutgoingCallDialog`, for parts and your own markup inside it.
 * @example function Count() { const { call } = useOutgoingCallContext(); return <span>{call.ringing} ringing</span> }
 */
export function useOutgoingCallContext(): OutgoingCallContextValue {
  const value = useContext(OutgoingCallContext);
  if (!value) throw new Error('ringkit: OutgoingCallDialog parts must be rendered inside <OutgoingCallDialog>');
  return value;
}
