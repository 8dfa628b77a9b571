import { useId, useMemo } from 'react';
import type { SignalingClient } from '../../../client/SignalingClient.js';
import { useRingingCall, type UseRingingCallOptions } from '../../hooks/useRingingCall.js';
import { useRingtone } from '../../hooks/useRingtone.js';
import { builtInTones } from '../../media/builtInTones.js';
import { useRingkitLabels } from '../../labels/RingkitLabelsProvider.js';
import type { IncomingCallLabels } from '../../labels/incomingCallLabels.js';
import type { GetUser } from '../../context/RingkitUsersProvider.js';
import type { RingingCallContextValue } from './RingingCallContext.js';

/**
 * The props `RingingDialog` and `IncomingCallToast` share.
 * @example const p: IncomingCallProps = { ringtone: '/sounds/ring.mp3', busyPolicy: 'ring' }
 */
export interface IncomingCallProps extends UseRingingCallOptions {
  /** URL of the ringtone to loop while a call rings; default `builtInTones.ringtone` (ringkit's own); `false`: silent. */
  ringtone?: string | false;
  /** Maps userIDs to names and avatars. */
  getUser?: GetUser;
  labels?: Partial<IncomingCallLabels>;
  /** The client to use instead of the provider's. */
  client?: SignalingClient;
}

/**
 * Builds the incoming-call context value (the ringing call, its ringtone, labels, ids) from the
 * props `RingingDialog` and `IncomingCallToast` share.
 * @example const value = useRingingCallValue({ ringtone: '/sounds/ring.mp3' }); <RingingCallContext.Provider value={value}>…
 */
export function useRingingCallValue({ ringtone: src = builtInTones.ringtone, getUser, labels: own, client, ...options }: IncomingCallProps): RingingCallContextValue {
  const ring = useRingingCall(options, client);
  const ringtone = useRingtone(src, ring.invitation !== undefined);
  const labels = useRingkitLabels('incomingCall', own);
  const titleID = useId();
  const descriptionID = useId();
  return useMemo(() => ({ ring, ringtone, labels, getUser, titleID, descriptionID }), [ring, ringtone, labels, getUser, titleID, descriptionID]);
}
