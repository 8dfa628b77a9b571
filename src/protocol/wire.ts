/**
 * What travels between client and server besides commands: acknowledgements, results and
 * the one server → client notification.
 * @module
 */
import type { WireError } from './errors.js';
import type { Invitation, SignalingMessage } from './types.js';

/**
 * The acknowledgement of every command. `replayed: true` marks the first outcome of a requestID
 * answered again to a retry (docs/protocol.md section 4): what it carries may be older than the
 * invitation now is.
 * @example const ack: WireAck<OperationResult> = { ok: false, error: { code: 'INVITATION_NOT_FOUND', message: 'no such invitation' } }
 */
export type WireAck<T> = ({ ok: true; result: T } | { ok: false; error: WireError }) & { replayed?: true };

/**
 * Server → client event name for invitation updates.
 * @example socket.on(UPDATE_EVENT, (update: WireUpdate) => listener.onUpdate(update))
 */
export const UPDATE_EVENT = 'invitation:update';

/**
 * Server → client: the server is closing this session for good (payload: a WireError). Any other server-side close is retried.
 * @example socket.emit(CLOSED_EVENT, { code: 'UNAUTHENTICATED', message: 'the token has expired' })
 */
export const CLOSED_EVENT = 'session:closed';

/**
 * Server → client event name for a relayed media signal (payload: a `MediaSignalEvent`), sent
 * only to the receiving user's device that holds their part in the call.
 * @example socket.on(MEDIA_SIGNAL_EVENT, (signal: MediaSignalEvent) => listener.onMediaSignal?.(signal))
 */
export const MEDIA_SIGNAL_EVENT = 'media:signalled';

/**
 * One invitation update. `users` is complete when `baseVersion` is absent; otherwise it holds
 * only the users changed after `baseVersion`, and applies to a mirror at version ≥ `baseVersion`
 * (an empty mirror counts as version 0). A client whose mirror is older fetches the snapshot.
 * @example const update: WireUpdate = { invitation, baseVersion: 3, serverTime: Date.now() }
 */
export interface WireUpdate {
  invitation: Invitation;
  baseVersion?: number;
  /** Server clock (ms) when sent, to turn deadlines into seconds remaining. */
  serverTime: number;
  /** The invitation ended for this user while none of their devices was connected. */
  missed?: boolean;
}

/**
 * Result of `invite`, `inviteInGroup` and `callingInvite`.
 * @example const { inviteID, errorInvitees } = await client.invite(['bob', 'carol'])
 */
export interface InviteResult {
  inviteID: string;
  invitation: Invitation;
  /** Invitees that could not be invited, with the reason. */
  errorInvitees: ErrorInvitee[];
}

/**
 * An invitee an operation skipped, and why.
 * @example for (const e of result.errorInvitees) console.warn(e.userID, e.code)
 */
export interface ErrorInvitee {
  userID: string;
  code: string;
  message?: string;
}

/**
 * Result of `cancel`.
 * @example const { errorInvitees } = await client.cancel(inviteID, { invitees: ['bob'] })
 */
export interface CancelResult {
  invitation: Invitation;
  errorInvitees: ErrorInvitee[];
}

/**
 * Result of accept, reject, modify, join, quit and end.
 * @example const { invitation } = await client.accept(inviteID)
 */
export interface OperationResult {
  invitation: Invitation;
}

/**
 * What the acknowledgement of a change to an existing invitation (cancel, accept, reject,
 * modify, callingInvite, join, quit, end) adds on the wire: its `invitation` is a delta against
 * `baseVersion` holding only the users that request changed (like a `WireUpdate`), so an answer
 * in a class of 1,000 is not acknowledged with 1,000 users. The client merges it into its
 * mirror, hands the app the whole invitation and drops `baseVersion`.
 * @example const wire: CancelResult & ChangeAck = { invitation: { ...fields, users: [bob] }, errorInvitees: [], baseVersion: 4 }
 */
export interface ChangeAck {
  baseVersion?: number;
}

/**
 * Result of `queryInvitations`.
 * @example const { invitations, nextFlag } = await client.queryInvitations({ count: 20, nextFlag: 0 })
 */
export interface QueryInvitationsResult {
  invitations: Invitation[];
  /** Pass back for the next page; 0 means nothing more. */
  nextFlag: number;
}

/**
 * Result of `getHistory`.
 * @example const { messages, cursor } = await client.getHistory({ conversation: { type: 'c2c', userID: 'bob' } })
 */
export interface HistoryResult {
  messages: SignalingMessage[];
  /** Pass back for the next page; 0 means nothing more. */
  cursor: number;
}

/**
 * Result of `session:sync`.
 * @example const { updates, unknown } = ack.result as SyncResult
 */
export interface SyncResult {
  userID: string;
  deviceID: string;
  serverTime: number;
  updates: WireUpdate[];
  /** Known inviteIDs the server no longer has (e.g. an in-memory server restarted): they are dead. */
  unknown: string[];
  /**
   * Active calls the user is in on a device that is not connected (a tab that crashed or a phone
   * that lost its network): this device may continue one (`join`) or end it. Without either, the
   * user leaves it once that device has been gone for the grace period.
   */
  detached: string[];
}
