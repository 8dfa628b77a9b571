import { useCallback, useEffect, useRef, useState } from 'react';
import type { SignalingClient } from '../../client/SignalingClient.js';
import { useOutgoingCall, type UseOutgoingCallResult } from './useOutgoingCall.js';

/**
 * Options of `useOutgoingCallDialog`.
 * @example useOutgoingCallDialog({ inviteID, answeredMs: 1000, outcomeMs: 3000, onClose: () => setInviteID(null) })
 */
export interface UseOutgoingCallDialogOptions {
  /** The call to show; without it, my newest outgoing invitation; `null`: none. */
  inviteID?: string | null;
  /** How long (ms) "Accepted" stays once someone answered and nobody rings any more. Default 1500; 0 closes at once (hand over to your in-call view); `Infinity` keeps it until `close()`. */
  answeredMs?: number;
  /** How long (ms) the outcome of a call nobody answered (declined, busy, no answer, cancelled) stays. Default 5000; 0 closes at once; `Infinity` keeps it until `close()`. */
  outcomeMs?: number;
  /** Called once when the dialog closes, by the user (Close) or by itself. */
  onClose?: () => void;
}

/**
 * What `useOutgoingCallDialog` returns.
 * @example const { call, open, close }: UseOutgoingCallDialogResult = useOutgoingCallDialog()
 */
export interface UseOutgoingCallDialogResult {
  /** The call (`useOutgoingCall`). */
  call: UseOutgoingCallResult;
  /** Whether a "Calling …" dialog should be on screen now. */
  open: boolean;
  /** Closes it now (the Close button). */
  close(): void;
}

/**
 * When a "Calling …" dialog shows and when it goes, on top of `useOutgoingCall`: open while
 * anyone rings; once someone answered and nobody rings any more it says "Accepted" for
 * `answeredMs` and closes (at once when the call already ended, e.g. hung up); a call nobody
 * answered shows its outcome for `outcomeMs`, or until `close()`. A call that ended after it was
 * answered never opens again.
 * @example
 * const { call, open, close } = useOutgoingCallDialog({ inviteID })
 * return open ? <div role="dialog" aria-label="Calling">{call.status} <button onClick={close}>Close</button></div> : null
 */
export function useOutgoingCallDialog(options: UseOutgoingCallDialogOptions = {}, client?: SignalingClient): UseOutgoingCallDialogResult {
  const { inviteID, answeredMs = 1500, outcomeMs = 5000 } = options;
  const call = useOutgoingCall(inviteID, client);
  const onClose = useRef(options.onClose);
  onClose.current = options.onClose;
  const [closedID, setClosedID] = useState<string | null>(null);
  const id = call.invitation?.inviteID ?? null;
  const settled = call.ringing === 0 && call.status !== 'calling';
  const answered = call.status === 'answered';
  // How long the settled call stays: "Accepted" (none once the call ended), or the outcome.
  const stay = !settled ? null : answered ? (call.invitation?.state === 'ended' ? 0 : answeredMs) : outcomeMs;
  const open = id !== null && closedID !== id && !(stay !== null && stay <= 0);

  const close = useCallback(() => {
    setClosedID(id);
    onClose.current?.();
  }, [id]);

  useEffect(() => {
    if (!open || stay === null || !Number.isFinite(stay)) return;
    const timer = setTimeout(close, stay);
    return () => clearTimeout(timer);
  }, [open, stay, close]);

  // Closed without a timer (nothing to wait for): tell the app once, if it was open.
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (open) shown.current = id;
    else if (shown.current !== null && shown.current === id && closedID !== id) {
      shown.current = null;
      onClose.current?.();
    }
  }, [open, id, closedID]);

  return { call, open, close };
}
