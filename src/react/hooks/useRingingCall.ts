import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { SignalingClient } from '../../client/SignalingClient.js';
import type { Invitation } from '../../protocol/types.js';
import type { OperationResult } from '../../protocol/wire.js';
import { endAndAccept as endAndAcceptCall } from '../../store/rules/endAndAccept.js';
import { selectConnectedCalls } from '../../store/selectors/selectConnectedCalls.js';
import { describeCall, type CallDescription } from '../data/describeCall.js';
import { isAnnouncedRingEnd } from '../data/ringEndReason.js';
import { watchRingEnds, type RingEnd } from '../data/watchRingEnds.js';
import { useActionRunner } from '../internal/useActionRunner.js';
import type { ActionStatus } from '../types/ActionStatus.js';
import { BUSY_REJECT_DATA } from '../../store/rules/createBusyRejecter.js';
import { isLowerMarker } from '../../store/raiseHand/raiseHandData.js';
import { isRedialCancel } from '../../protocol/isRedialCancel.js';
import { useIncomingInvitation, type RingkitButtonProps, type UseIncomingInvitationOptions } from './useIncomingInvitation.js';
import { useRingkitStoreApi } from './useRingkitStoreApi.js';

/**
 * Options of `useRingingCall`.
 * @example useRingingCall({ busyPolicy: 'ring', noticeMs: 4000 })
 */
export interface UseRingingCallOptions extends UseIncomingInvitationOptions {
  /** How long (ms) `notice` stays after a call stopped ringing for a reason from elsewhere. Default 5000. */
  noticeMs?: number;
}

/**
 * What `useRingingCall` returns.
 * @example const { invitation, waiting, callWaiting, notice, acceptButtonProps }: UseRingingCallResult = useRingingCall()
 */
export interface UseRingingCallResult extends ActionStatus {
  /** The call ringing now (the first caller's newest call: a redial is the live one); the others wait in line. */
  invitation: Invitation | undefined;
  /** How many more calls ring behind it. */
  waiting: number;
  /** Whole seconds until it times out (server clock), or null. */
  secondsRemaining: number | null;
  /** Audio or video, one-to-one or group. */
  description: CallDescription | undefined;
  /** I am in a connected call: offer "End and accept", "Decline", "Decline as busy". */
  callWaiting: boolean;
  /** The last call that stopped ringing because of something that happened elsewhere (cancelled, timed out, caller gone, answered on another device), for `noticeMs`. */
  notice: RingEnd | null;
  accept(): Promise<OperationResult | undefined>;
  reject(): Promise<OperationResult | undefined>;
  /** Declines with `{"reason":"busy"}` (the caller sees "busy"). */
  declineBusy(): Promise<OperationResult | undefined>;
  /** Leaves (1v1: ends) my connected calls, then accepts. */
  endAndAccept(): Promise<OperationResult | undefined>;
  acceptButtonProps: RingkitButtonProps;
  rejectButtonProps: RingkitButtonProps;
  declineBusyButtonProps: RingkitButtonProps;
  endAndAcceptButtonProps: RingkitButtonProps;
}

/** The caller called me again and cancelled this call for the newer one (`REDIAL_DATA`): nothing to announce. */
const replacedByRedial = (invitation: Invitation, self: string) => {
  const me = invitation.users.find((u) => u.userID === self);
  return me !== undefined && isRedialCancel(me);
};

/**
 * Everything an incoming-call UI needs, on top of `useIncomingInvitation`: the queue (one call at a
 * time, the rest waiting), what kind of call it is, call waiting while I am in a call, buttons
 * disabled unless it rings and while an answer is pending, and a notice saying why a call stopped
 * ringing when that happened elsewhere (read from the store by `watchRingEnds`; not for a call its
 * caller replaced by calling again, whose newer call rings instead).
 * @example
 * const ring = useRingingCall()
 * return <>
 *   <p role="status">{ring.notice && `${ring.notice.invitation.inviter}: ${ring.notice.reason}`}</p>
 *   {ring.invitation && <div role="alertdialog" aria-label={`${ring.invitation.inviter} is calling`}>
 *     <button {...ring.rejectButtonProps}>Reject</button> <button {...ring.acceptButtonProps}>Accept</button>
 *   </div>}
 * </>
 */
export function useRingingCall(options: UseRingingCallOptions = {}, client?: SignalingClient): UseRingingCallResult {
  const store = useRingkitStoreApi(client);
  const incoming = useIncomingInvitation(options, client);
  const { run, status } = useActionRunner(store);
  const { invitation, invitations, reject: rejectIncoming, accept: acceptIncoming } = incoming;
  const self = useStore(store, (s) => s.userID);
  const connected = useStore(store, useShallow(selectConnectedCalls));
  const [notice, setNotice] = useState<RingEnd | null>(null);

  const filter = useRef(options.filter);
  filter.current = options.filter;
  useEffect(
    () =>
      watchRingEnds(store, (end) => {
        if (!isAnnouncedRingEnd(end.reason) || isLowerMarker(end.invitation) || replacedByRedial(end.invitation, store.getState().userID)) return;
        if (filter.current?.(end.invitation) ?? true) setNotice(end);
      }),
    [store],
  );
  const noticeMs = options.noticeMs ?? 5000;
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), noticeMs);
    return () => clearTimeout(timer);
  }, [notice, noticeMs]);

  const accept = useCallback(() => acceptIncoming(), [acceptIncoming]);
  const reject = useCallback(() => rejectIncoming(), [rejectIncoming]);
  const declineBusy = useCallback(() => rejectIncoming(BUSY_REJECT_DATA), [rejectIncoming]);
  const inviteID = invitation?.inviteID;
  const endAndAccept = useCallback(
    () =>
      inviteID
        ? run(() => endAndAcceptCall(store.client, store.getState(), inviteID))
        : Promise.resolve(undefined),
    [run, store, inviteID],
  );

  const off = !invitation || incoming.disabled || incoming.pending || status.pending;
  const button = useCallback(
    (action: string, act: () => Promise<unknown>): RingkitButtonProps => ({ type: 'button', disabled: off, onClick: () => void act(), 'data-rk-action': action }),
    [off],
  );
  const description = useMemo(() => (invitation ? describeCall(invitation, self) : undefined), [invitation, self]);
  return useMemo(
    () => ({
      pending: incoming.pending || status.pending,
      error: status.error ?? incoming.error,
      disabled: incoming.disabled,
      disabledReason: incoming.disabledReason,
      invitation,
      waiting: Math.max(0, invitations.length - 1),
      secondsRemaining: incoming.secondsRemaining,
      description,
      callWaiting: connected.length > 0,
      notice,
      accept,
      reject,
      declineBusy,
      endAndAccept,
      acceptButtonProps: button('accept', accept),
      rejectButtonProps: button('reject', reject),
      declineBusyButtonProps: button('decline-busy', declineBusy),
      endAndAcceptButtonProps: button('end-and-accept', endAndAccept),
    }),
    [incoming, status, invitation, invitations, description, connected, notice, accept, reject, declineBusy, endAndAccept, button],
  );
}
