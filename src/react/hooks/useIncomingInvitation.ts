import { useCallback, useMemo } from 'react';
import { useStore } from 'zustand';
import type { SignalingClient } from '../../client/SignalingClient.js';
import type { Invitation } from '../../protocol/types.js';
import type { OperationResult } from '../../protocol/wire.js';
import { selectCallUser } from '../../store/selectors/selectCallUser.js';
import { isLowerMarker } from '../../store/raiseHand/raiseHandData.js';
import { useActionRunner } from '../internal/useActionRunner.js';
import type { ActionStatus } from '../types/ActionStatus.js';
import type { BusyPolicy } from '../../store/rules/createBusyRejecter.js';
import { useBusyPolicy } from '../internal/useBusyPolicy.js';
import { useServerSeconds } from '../internal/useServerSeconds.js';
import { useStableArray } from '../internal/useStableArray.js';
import { useRingkitStoreApi } from './useRingkitStoreApi.js';

/**
 * Options of `useIncomingInvitation`.
 * @example useIncomingInvitation({ busyPolicy: 'reject', filter: (i) => !i.groupID })
 */
export interface UseIncomingInvitationOptions {
  /** `'reject'`: a call that starts ringing while I am busy is rejected with `{"reason":"busy"}`. Default `'ring'`. */
  busyPolicy?: BusyPolicy;
  /** Only these invitations ring here (e.g. `(i) => !i.groupID`). */
  filter?: (invitation: Invitation) => boolean;
}

/**
 * Ready props for a button element.
 * @example const { acceptButtonProps } = useIncomingInvitation(); <button {...acceptButtonProps}>Accept</button>
 */
export interface RingkitButtonProps {
  type: 'button';
  disabled: boolean;
  onClick: () => void;
  'data-rk-action': string;
}

/**
 * What `useIncomingInvitation` returns.
 * @example const { invitation, secondsRemaining, accept }: UseIncomingInvitationResult = useIncomingInvitation()
 */
export interface UseIncomingInvitationResult extends ActionStatus {
  /** The first invitation ringing for me in line (`selectRingingInvitations`: the first caller, their newest call), or undefined. */
  invitation: Invitation | undefined;
  /** Every invitation ringing for me, in line: callers in the order they started ringing, each caller's newest call first. */
  invitations: readonly Invitation[];
  /** Whole seconds until `invitation` times out (server clock), or null when it never does. */
  secondsRemaining: number | null;
  /** Accepts `invitation` (or the one named). Resolves undefined on failure; see `error`. */
  accept(data?: string, inviteID?: string): Promise<OperationResult | undefined>;
  /** Rejects `invitation` (or the one named). */
  reject(data?: string, inviteID?: string): Promise<OperationResult | undefined>;
  acceptButtonProps: RingkitButtonProps;
  rejectButtonProps: RingkitButtonProps;
}

const NO_FILTER = () => true;

/**
 * The invitation ringing for me, with answers and ready button props. It stops ringing on every
 * device once one device answers, and when it is cancelled or times out.
 * @example
 * const { invitation, secondsRemaining, acceptButtonProps, rejectButtonProps } = useIncomingInvitation({ busyPolicy: 'reject' })
 * if (!invitation) return null
 * return (
 *   <div role="alertdialog" aria-label={`Call from ${invitation.inviter}`}>
 *     {invitation.inviter} is calling… {secondsRemaining}s
 *     <button {...acceptButtonProps}>Accept</button> <button {...rejectButtonProps}>Decline</button>
 *   </div>
 * )
 */
export function useIncomingInvitation(options: UseIncomingInvitationOptions = {}, client?: SignalingClient): UseIncomingInvitationResult {
  const store = useRingkitStoreApi(client);
  const { run, status } = useActionRunner(store);
  const ringing = useBusyPolicy(store, options.busyPolicy ?? 'ring');
  const filter = options.filter ?? NO_FILTER;
  const invitations = useStableArray(ringing.filter((i) => !isLowerMarker(i) && filter(i)));
  const invitation = invitations[0];
  const inviteID = invitation?.inviteID;
  const deadline = useStore(store, (s) => selectCallUser(s, inviteID, s.userID)?.deadline);
  const untilDeadline = useCallback((now: number) => (deadline === undefined ? null : Math.max(0, Math.ceil((deadline - now) / 1000))), [deadline]);
  const secondsRemaining = useServerSeconds(store.client, untilDeadline, deadline !== undefined);

  const accept = useCallback(
    (data?: string, id = inviteID) => (id ? run(() => store.client.accept(id, { data })) : Promise.resolve(undefined)),
    [run, store, inviteID],
  );
  const reject = useCallback(
    (data?: string, id = inviteID) => (id ? run(() => store.client.reject(id, { data })) : Promise.resolve(undefined)),
    [run, store, inviteID],
  );
  const off = !invitation || status.disabled || status.pending;
  const acceptButtonProps = useMemo<RingkitButtonProps>(
    () => ({ type: 'button', disabled: off, onClick: () => void accept(), 'data-rk-action': 'accept' }),
    [off, accept],
  );
  const rejectButtonProps = useMemo<RingkitButtonProps>(
    () => ({ type: 'button', disabled: off, onClick: () => void reject(), 'data-rk-action': 'reject' }),
    [off, reject],
  );
  return useMemo(
    () => ({ ...status, invitation, invitations, secondsRemaining, accept, reject, acceptButtonProps, rejectButtonProps }),
    [status, invitation, invitations, secondsRemaining, accept, reject, acceptButtonProps, rejectButtonProps],
  );
}
