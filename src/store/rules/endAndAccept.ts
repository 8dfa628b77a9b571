import { leaveCall } from '../../client/leaveCall.js';
import type { SignalingClient } from '../../client/SignalingClient.js';
import type { OperationResult } from '../../protocol/wire.js';
import type { RingkitState } from '../RingkitState.js';
import { selectConnectedCalls } from '../selectors/selectConnectedCalls.js';

/**
 * Call waiting's "End and accept": leaves every call I am connected in (a 1v1 call is ended for
 * both, a larger one quit), then accepts `inviteID`.
 * @example await endAndAccept(store.client, store.getState(), ringingID)
 */
export async function endAndAccept(client: SignalingClient, state: RingkitState, inviteID: string): Promise<OperationResult> {
  for (const call of selectConnectedCalls(state)) await leaveCall(client, call);
  return client.accept(inviteID);
}
