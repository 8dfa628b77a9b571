import type { StoreApi } from 'zustand/vanilla';
import type { SignalingClient } from '../../client/SignalingClient.js';
import { isOneToOneCall } from '../../protocol/isOneToOneCall.js';
import type { Invitation } from '../../protocol/types.js';
import { deriveCallView } from '../deriveCallView.js';
import type { RingkitState } from '../RingkitState.js';


/**
 * Whether a 1v1 call is over for me on this device (declined, timed out, cancelled, the other
 * left) but still holds me: advanced mode keeps a call open while anyone is accepted in it.
 * @example isOrphanedCall(invitation, 'alice', client.deviceID) // true once bob hung up
 */
export function isOrphanedCall(invitation: Invitation, self: string, deviceID: string): boolean {
  if (invitation.state !== 'active' || !isOneToOneCall(invitation)) return false;
  if (invitation.users.find((u) => u.userID === self)?.state !== 'accepted') return false;
  const view = deriveCallView(invitation, self, deviceID);
  return view.status === 'ended' && view.reason !== 'answeredElsewhere';
}

/**
 * The rule "a 1v1 call the other side left is ended", once per store (so once per client) while
 * it is attached, whatever components are mounted: a call that `isOrphanedCall` is sent `end`
 * once, so I am not left alone "in a call" and busy. Returns the unsubscribe.
 * @example const off = watchOrphanedCalls(store, client)
 */
export function watchOrphanedCalls(store: StoreApi<RingkitState>, client: SignalingClient): () => void {
  const ending = new Set<string>();
  const check = (state: RingkitState) => {
    for (const id of ending) if (!state.invitations[id] || !isOrphanedCall(state.invitations[id], state.userID, client.deviceID)) ending.delete(id);
    for (const invitation of Object.values(state.invitations)) {
      if (ending.has(invitation.inviteID) || !isOrphanedCall(invitation, state.userID, client.deviceID)) continue;
      ending.add(invitation.inviteID);
      client.end(invitation.inviteID).catch(() => undefined);
    }
  };
  check(store.getState());
  return store.subscribe((state, previous) => {
    if (state.invitations !== previous.invitations || state.userID !== previous.userID) check(state);
  });
}
