import type { CommandParams } from '../protocol/commands.js';
import type { Transport } from './Transport.js';

/**
 * Options every mutating call accepts.
 * @example await client.accept(inviteID, { requestID: 'accept-1' })
 */
export interface RequestOptions {
  /** Makes retries idempotent; generated when absent. */
  requestID?: string;
}

/**
 * Options of `invite` and `inviteInGroup` (the command's params without the invitees): `data`,
 * `timeout` (seconds to ring, 0–600, 0 = never; default 30), `mode`, `onlineUserOnly`,
 * `offlinePushInfo`, `enableNotReceivedCheck`, `busyPolicy` ('reject': invitees who are busy are
 * rejected at once with `{"reason":"busy"}`) and `requestID`.
 * @example await client.invite('bob', { mode: 'advanced', timeout: 45, busyPolicy: 'reject' })
 */
export type InviteOptions = Omit<CommandParams<'invitation:invite'>, 'invitees'>;

/**
 * Options of `callingInvite`: `data`, `timeout`, `offlinePushInfo`, `busyPolicy`, `requestID`.
 * @example await client.callingInvite(inviteID, ['dave'], { timeout: 20 })
 */
export type CallingInviteOptions = Omit<CommandParams<'invitation:callingInvite'>, 'inviteID' | 'invitees'>;

/**
 * Options of `cancel`: `data`, `invitees` (cancel only these; default every pending one), `requestID`.
 * @example await client.cancel(inviteID, { invitees: ['bob'], data: 'never mind' })
 */
export type CancelOptions = Omit<CommandParams<'invitation:cancel'>, 'inviteID'>;

/**
 * Options of accept, reject, join, quit and end: `data` and `requestID`.
 * @example await client.reject(inviteID, { data: JSON.stringify({ reason: 'decline' }) })
 */
export type ActionOptions = Omit<CommandParams<'invitation:accept'>, 'inviteID'>;

/**
 * Options of the client itself (use `createSignalingClient` rather than `new`).
 * @example new SignalingClient({ transport, deviceID: 'phone' })
 */
export interface SignalingClientOptions {
  transport: Transport;
  /** The user, when known before connecting (dev mode, or read from the token). */
  userID?: string;
  deviceID: string;
  /** Milliseconds to wait for an acknowledgement. Default 10000. */
  requestTimeoutMs?: number;
}
