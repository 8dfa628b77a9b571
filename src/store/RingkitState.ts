/**
 * The shape of a ringkit store's state.
 * @module
 */
import type { RingkitErrorCode } from '../protocol/errors.js';
import type { ConnectionState } from '../protocol/events.js';
import type { CallUserState, Invitation } from '../protocol/types.js';

/**
 * A failure as hooks and the store report it: the error code of docs/protocol.md section 8 and a message.
 * @example if (error?.code === 'INVALID_STATE') toast('Already answered')
 */
export interface RingkitErrorInfo {
  code: RingkitErrorCode;
  message: string;
}

/**
 * How I take part in an invitation: I invited, I was invited, or I only watch it as a member of
 * its group.
 * @example const r: InvitationRole = 'invitee'
 */
export type InvitationRole = 'inviter' | 'invitee' | 'member';

/**
 * My role and my own user state in one invitation (`state` is undefined when I am not in
 * `users`: the inviter of a normal invitation, or a watching group member).
 * @example if (part.role === 'invitee' && part.state === 'received') ring()
 */
export interface MyPart {
  role: InvitationRole;
  state: CallUserState | undefined;
}

/**
 * Everything a ringkit store holds. Records are replaced, never mutated, so unchanged entries keep
 * their references.
 * @example const ringing = Object.values(store.getState().invitations).filter((i) => i.state === 'active')
 */
export interface RingkitState {
  /** The signed-in user ('' until known). */
  userID: string;
  /** This device, as the server knows it. */
  deviceID: string;
  connectionState: ConnectionState;
  /** Every invitation the client mirrors, by inviteID: the client's snapshot record itself (`client.getSnapshot()`), not a copy. */
  invitations: Readonly<Record<string, Invitation>>;
  /** My role and state in each invitation, by inviteID (derived from `invitations`). */
  parts: Readonly<Record<string, MyPart>>;
  /** The last failure: a dropped connection, or an action run through a hook. */
  lastError: RingkitErrorInfo | null;
  /** Set by the app (`store.setBusy`), e.g. while in a call of another system. */
  busy: boolean;
  /**
   * The calls the server named, when this device last connected, as held for my user by a device
   * that is not connected (a crashed tab); `selectDetachedCall` tells which still are. They do not
   * make me busy.
   */
  detachedCallIDs: readonly string[];
}
