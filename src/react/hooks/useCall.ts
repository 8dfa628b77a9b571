import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { SignalingClient } from '../../client/SignalingClient.js';
import type { Invitation } from '../../protocol/types.js';
import type { RingkitState } from '../../store/RingkitState.js';
import type { InviteResult, OperationResult } from '../../protocol/wire.js';
import { encodeCallData, parseCallData } from '../data/callData.js';
import { deriveCallView, type CallEndReason, type CallStatus } from '../../store/deriveCallView.js';
import { useActionRunner } from '../internal/useActionRunner.js';
import type { ActionStatus } from '../types/ActionStatus.js';
import type { BusyPolicy } from '../../store/rules/createBusyRejecter.js';
import { useBusyPolicy } from '../internal/useBusyPolicy.js';
import { inviteReplacingEarlier } from '../../store/rules/inviteReplacingEarlier.js';
import { useServerSeconds } from '../internal/useServerSeconds.js';
import { useRingkitStoreApi } from './useRingkitStoreApi.js';

/**
 * Options of `useCall`.
 * @example const call = useCall({ busyPolicy: 'reject' })
 */
export interface UseCallOptions {
  /** What a call ringing while I am busy does (see `useIncomingInvitation`). Default `'ring'`. */
  busyPolicy?: BusyPolicy;
}

/**
 * Options of `call()`.
 * @example await call.call('bob', { roomID: 'room-42', data: { video: true }, timeout: 45 })
 */
export interface CallOptions {
  /** The app's media room; both sides read it back as `roomID`. */
  roomID: string;
  /** More fields for the call's data (JSON). */
  data?: Record<string, unknown>;
  /** Seconds to ring (default 30). */
  timeout?: number;
  /** Server-side busy check: `'reject'` ends the call at once with reason `busy` when the callee is in another call. */
  busyPolicy?: BusyPolicy;
  /**
   * Calling someone my earlier call still rings for (placed from any of my devices: a tab that
   * crashed while it rang, another tab) replaces that call: once the new one rings, the old one is
   * cancelled and ended (`inviteReplacingEarlier`), so the callee answers the live call. Default
   * true; `false` lets both ring.
   */
  replaceEarlier?: boolean;
}

/**
 * What `useCall` returns.
 * @example const { status, peer, roomID, duration, hangUp }: UseCallResult = useCall()
 */
export interface UseCallResult extends ActionStatus {
  status: CallStatus;
  /** Why it ended (status `ended`), else null. */
  reason: CallEndReason | null;
  direction: 'outgoing' | 'incoming' | null;
  /** The other party, or null when idle. */
  peer: string | null;
  /** The media room from the call's data: join it when `status` turns `connected`. */
  roomID: string | null;
  callID: string | null;
  invitation: Invitation | undefined;
  /** Whole seconds connected (ticks while connected; 0 when it never connected). */
  duration: number;
  /** Calls a user: an advanced-mode invitation carrying `roomID`; replaces my earlier call to them that still rings (`replaceEarlier`). */
  call(userID: string, options: CallOptions): Promise<InviteResult | undefined>;
  /** Answers the ringing call. */
  accept(data?: string): Promise<OperationResult | undefined>;
  /** Declines the ringing call. */
  reject(data?: string): Promise<OperationResult | undefined>;
  /** Cancels while calling, declines while ringing, ends the call for both while connected. */
  hangUp(data?: string): Promise<unknown>;
  /** Back to `idle` after a call ended. */
  reset(): void;
}

const isOneToOneCall = (i: Invitation) => i.mode === 'advanced' && i.groupID === undefined;

/**
 * The newest 1v1 call in progress that this device holds (it placed it, or accepted it), found in
 * the store: how a `useCall` that did not place a call (an in-call view, a second component) still
 * shows it.
 */
const selectHeldCall = (s: RingkitState, deviceID: string): string | undefined => {
  let held: Invitation | undefined;
  for (const i of Object.values(s.invitations)) {
    if (i.state !== 'active' || !isOneToOneCall(i) || i.users.length !== 2) continue;
    const me = i.users.find((u) => u.userID === s.userID);
    if (me?.state !== 'accepted' || me.deviceID !== deviceID) continue;
    const status = deriveCallView(i, s.userID, deviceID).status;
    if ((status === 'calling' || status === 'connected') && (!held || i.createTime > held.createTime)) held = i;
  }
  return held?.inviteID;
};

/**
 * The whole 1v1 call lifecycle around your media layer: `idle → calling | ringing → connected →
 * ended` (with a reason) and the duration. Incoming advanced 1v1 calls ring here while no call is
 * in progress.
 * @example
 * const call = useCall()
 * useEffect(() => { if (call.status === 'connected') media.join(call.roomID!) }, [call.status])
 * if (call.status === 'idle') return <button onClick={() => call.call('bob', { roomID: 'r1' })}>Call Bob</button>
 * if (call.status === 'ringing') return <button onClick={() => call.accept()}>Answer {call.peer}</button>
 * if (call.status === 'ended') return <p>Call ended: {call.reason} ({call.duration}s) <button onClick={call.reset}>OK</button></p>
 * return <button onClick={() => call.hangUp()}>Hang up ({call.status})</button>
 */
export function useCall(options: UseCallOptions = {}, client?: SignalingClient): UseCallResult {
  const store = useRingkitStoreApi(client);
  const { client: target } = store;
  const { run, status: actionStatus } = useActionRunner(store);
  const [callID, setCallID] = useState<string | null>(null);
  const [dialing, setDialing] = useState<string | null>(null);
  const lastConnected = useRef<{ callID: string; at: number } | null>(null);
  const ringing = useBusyPolicy(store, options.busyPolicy ?? 'ring');
  const incoming = ringing.find(isOneToOneCall);
  const invitation = useStore(store, (s) => (callID ? s.invitations[callID] : undefined));
  const self = useStore(store, (s) => s.userID);
  const view = useMemo(
    () => (invitation && !dialing ? deriveCallView(invitation, self, target.deviceID) : undefined),
    [invitation, dialing, self, target],
  );
  const status: CallStatus = dialing ? 'calling' : (view?.status ?? 'idle');

  // A call that rings while none is in progress becomes the call; so does a call this device placed
  // or answered elsewhere in the app (another useCall, useInvite), so every useCall shows it.
  // While ringing it follows the first ringing call, as the ringing dialog shows it: a caller who
  // calls again (a redial) is the newer call, and answering that one must be this call.
  const held = useStore(store, (s) => selectHeldCall(s, target.deviceID));
  useEffect(() => {
    if (dialing) return;
    const next = status === 'ringing' ? incoming?.inviteID : status === 'idle' || status === 'ended' ? (incoming?.inviteID ?? held) : undefined;
    if (next && next !== callID) setCallID(next);
  }, [incoming, held, dialing, status, callID]);

  // A 1v1 call the other side left is ended by the store's rule (watchOrphanedCalls), once per client.

  // The snapshot forgets when the callee connected once they quit; remember it for the duration.
  if (callID && view?.connectedAt !== undefined) lastConnected.current = { callID, at: view.connectedAt };
  const connectedAt = view?.connectedAt ?? (lastConnected.current?.callID === callID ? lastConnected.current.at : undefined);
  const endedAt = view?.endedAt;
  const elapsed = useCallback(
    (now: number) => (connectedAt === undefined ? 0 : Math.max(0, Math.floor(((endedAt ?? now) - connectedAt) / 1000))),
    [connectedAt, endedAt],
  );
  const duration = useServerSeconds(target, elapsed, status === 'connected') ?? 0;

  const call = useCallback(
    async (userID: string, { roomID, data, timeout, busyPolicy, replaceEarlier }: CallOptions) => {
      setDialing(userID);
      const result = await run(() =>
        inviteReplacingEarlier(target, store.getState(), userID, {
          mode: 'advanced',
          data: encodeCallData({ ...data, roomID }),
          timeout,
          busyPolicy,
          replaceEarlier,
        }),
      );
      if (result) setCallID(result.inviteID);
      setDialing(null);
      return result;
    },
    [run, target, store],
  );
  const accept = useCallback(
    (data?: string) => (callID && status === 'ringing' ? run(() => target.accept(callID, { data })) : Promise.resolve(undefined)),
    [run, target, callID, status],
  );
  const reject = useCallback(
    (data?: string) => (callID && status === 'ringing' ? run(() => target.reject(callID, { data })) : Promise.resolve(undefined)),
    [run, target, callID, status],
  );
  const hangUp = useCallback(
    (data?: string): Promise<unknown> => {
      if (!callID) return Promise.resolve(undefined);
      if (status === 'calling') return run(() => target.cancel(callID, { data }));
      if (status === 'ringing') return run(() => target.reject(callID, { data }));
      if (status === 'connected') return run(() => target.end(callID, { data }));
      return Promise.resolve(undefined);
    },
    [run, target, callID, status],
  );
  const reset = useCallback(() => {
    if (status === 'ended') setCallID(null);
  }, [status]);

  const roomID = invitation ? (parseCallData(invitation.data)?.roomID ?? null) : null;
  return useMemo(
    () => ({
      ...actionStatus,
      status,
      reason: view?.reason ?? null,
      direction: view?.direction ?? (dialing ? 'outgoing' : null),
      peer: view?.peer ?? dialing,
      roomID: dialing ? null : roomID,
      callID,
      invitation,
      duration,
      call,
      accept,
      reject,
      hangUp,
      reset,
    }),
    [actionStatus, status, view, dialing, roomID, callID, invitation, duration, call, accept, reject, hangUp, reset],
  );
}
