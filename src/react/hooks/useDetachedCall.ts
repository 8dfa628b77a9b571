import { useCallback, useMemo } from 'react';
import { useStore } from 'zustand';
import { cancelCall } from '../../client/cancelCall.js';
import { leaveCall } from '../../client/leaveCall.js';
import type { SignalingClient } from '../../client/SignalingClient.js';
import { isPending, type Invitation } from '../../protocol/types.js';
import type { OperationResult } from '../../protocol/wire.js';
import { selectDetachedCall } from '../../store/selectors/selectDetachedCall.js';
import { useActionRunner } from '../internal/useActionRunner.js';
import type { ActionStatus } from '../types/ActionStatus.js';
import type { RingkitButtonProps } from './useIncomingInvitation.js';
import { useRingkitStoreApi } from './useRingkitStoreApi.js';

/**
 * What `useDetachedCall` returns.
 * @example const { invitation, peers, continueButtonProps, endButtonProps }: UseDetachedCallResult = useDetachedCall()
 */
export interface UseDetachedCallResult extends ActionStatus {
  /** A call I am still in on a device of mine that was gone when this one connected, or undefined. */
  invitation: Invitation | undefined;
  /** The others still in it (or still being called). */
  peers: string[];
  /** Nobody answered it yet: my call still rings for `peers` (the device that placed it is gone). */
  ringing: boolean;
  /** Moves the call to this device (`join`): it becomes the device that holds my part. */
  continueHere(): Promise<OperationResult | undefined>;
  /** Ends it: a one-to-one call ends for both, a group call goes on without me; a call still ringing is cancelled (`cancelCall`). */
  endCall(): Promise<OperationResult | undefined>;
  continueButtonProps: RingkitButtonProps;
  endButtonProps: RingkitButtonProps;
}

/**
 * The call a crashed tab (or a phone that lost its network) left me in: the server names it when
 * this device connects, and it stays until I continue it here, end it, or the server takes me out
 * once that device has been gone for the grace period. Such a call never makes me busy. It may
 * still be ringing (`ringing`: I placed it and nobody answered when the tab died); then "end"
 * cancels it, so the callee stops ringing for a call nobody is on.
 * @example
 * const { invitation, peers, continueButtonProps, endButtonProps } = useDetachedCall()
 * if (!invitation) return null
 * return (
 *   <p>
 *     Still in a call with {peers.join(', ')} on another device
 *     <button {...continueButtonProps}>Continue here</button> <button {...endButtonProps}>End call</button>
 *   </p>
 * )
 */
export function useDetachedCall(client?: SignalingClient): UseDetachedCallResult {
  const store = useRingkitStoreApi(client);
  const { run, status } = useActionRunner(store);
  const invitation = useStore(store, selectDetachedCall);
  const self = useStore(store, (s) => s.userID);
  const peers = useMemo(
    () => invitation?.users.filter((u) => u.userID !== self && (u.state === 'accepted' || isPending(u.state))).map((u) => u.userID) ?? [],
    [invitation, self],
  );

  const ringing = useMemo(() => (invitation ? isUnanswered(invitation, self) : false), [invitation, self]);

  const continueHere = useCallback(
    () => (invitation ? run(() => store.client.join(invitation.inviteID)) : Promise.resolve(undefined)),
    [run, store, invitation],
  );
  const endCall = useCallback(
    () => (invitation ? run(() => (ringing ? cancelCall(store.client, invitation.inviteID) : leaveCall(store.client, invitation))) : Promise.resolve(undefined)),
    [run, store, invitation, ringing],
  );
  const off = !invitation || status.disabled || status.pending;
  const continueButtonProps = useMemo<RingkitButtonProps>(
    () => ({ type: 'button', disabled: off, onClick: () => void continueHere(), 'data-rk-action': 'continue-here' }),
    [off, continueHere],
  );
  const endButtonProps = useMemo<RingkitButtonProps>(
    () => ({ type: 'button', disabled: off, onClick: () => void endCall(), 'data-rk-action': ringing ? 'cancel-call' : 'end-call' }),
    [off, endCall, ringing],
  );
  return useMemo(
    () => ({ ...status, invitation, peers, ringing, continueHere, endCall, continueButtonProps, endButtonProps }),
    [status, invitation, peers, ringing, continueHere, endCall, continueButtonProps, endButtonProps],
  );
}

/** I placed it and nobody but me is accepted in it yet: it still rings for the others. */
function isUnanswered(invitation: Invitation, self: string): boolean {
  if (invitation.inviter !== self) return false;
  const others = invitation.users.filter((u) => u.userID !== self);
  return others.some((u) => isPending(u.state)) && !others.some((u) => u.state === 'accepted');
}
