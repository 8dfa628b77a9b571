import { isPending, type Invitation } from '../protocol/types.js';
import { isBusyRejection } from '../protocol/isBusyRejection.js';

/**
 * Where a 1v1 call stands for this device.
 * @example const s: CallStatus = 'connected'
 */
export type CallStatus = 'idle' | 'calling' | 'ringing' | 'connected' | 'ended';

/**
 * Why a call ended for this device: `answeredElsewhere` when another device of mine accepted or
 * rejected it, `callerGone` when the caller vanished before anyone answered, `peerGone` when the
 * other side's device vanished mid-call (the server took them out after the grace period),
 * `failed` when the callee could not be invited at all. Open for app values.
 * @example const r: CallEndReason = 'busy'
 */
export type CallEndReason =
  | 'cancelled'
  | 'rejected'
  | 'busy'
  | 'timeout'
  | 'hungUp'
  | 'answeredElsewhere'
  | 'callerGone'
  | 'peerGone'
  | 'failed'
  | (string & {});

/**
 * A call as one device sees it, derived from the invitation snapshot alone.
 * @example const { status, peer, reason }: CallViewState = deriveCallView(invitation, 'bob', client.deviceID)
 */
export interface CallViewState {
  status: Exclude<CallStatus, 'idle'>;
  reason: CallEndReason | null;
  direction: 'outgoing' | 'incoming';
  /** The other party. */
  peer: string;
  /** Server time (ms) both were in the call, when known from the snapshot. */
  connectedAt: number | undefined;
  /** Server time (ms) the call ended for this device, when it ended after connecting. */
  endedAt: number | undefined;
}


/**
 * The state of a 1v1 advanced call for `self` on `deviceID` (a pure function of the snapshot).
 * @example deriveCallView(invitation, 'bob', client.deviceID).status // 'ringing'
 */
export function deriveCallView(invitation: Invitation, self: string, deviceID: string): CallViewState {
  const outgoing = invitation.inviter === self;
  const me = invitation.users.find((u) => u.userID === self);
  const peerUser = outgoing ? invitation.users.find((u) => u.userID !== self) : invitation.users.find((u) => u.userID === invitation.inviter);
  const callee = outgoing ? peerUser : me;
  const connectedAt = callee?.state === 'accepted' ? callee.updateTime : undefined;
  const base = { direction: outgoing ? 'outgoing' : 'incoming', peer: peerUser?.userID ?? '', connectedAt } as const;
  const ended = (reason: CallEndReason, endedAt?: number): CallViewState => ({ ...base, status: 'ended', reason, endedAt });
  const active = invitation.state === 'active';

  if (!me || !peerUser) return ended('failed');
  if (me.deviceID !== undefined && me.deviceID !== deviceID && (me.state === 'accepted' || me.state === 'rejected')) {
    return ended('answeredElsewhere');
  }
  if (active && me.state === 'accepted' && isPending(peerUser.state)) return { ...base, status: 'calling', reason: null, endedAt: undefined };
  if (active && isPending(me.state)) return { ...base, status: 'ringing', reason: null, endedAt: undefined };
  if (active && me.state === 'accepted' && peerUser.state === 'accepted') return { ...base, status: 'connected', reason: null, endedAt: undefined };

  const answer = outgoing ? peerUser : me;
  if (answer.state === 'rejected') return ended(isBusyRejection(answer) ? 'busy' : 'rejected');
  if (answer.state === 'timeout') return ended('timeout');
  if (answer.state === 'cancelled') return ended(answer.reason === 'callerGone' ? 'callerGone' : 'cancelled');
  const left = [me, peerUser].filter((u) => u.state === 'quit').map((u) => u.updateTime);
  return ended(peerUser.state === 'quit' && peerUser.reason === 'gone' ? 'peerGone' : 'hungUp', invitation.endTime ?? (left.length > 0 ? Math.min(...left) : undefined));
}
