/**
 * The data model of docs/protocol.md sections 1–3 and 7.
 * @module
 */

/**
 * Every per-user state of docs/protocol.md section 2, in display order.
 * @example const labels: Record<CallUserState, string> = Object.fromEntries(CALL_USER_STATES.map((s) => [s, s])) as never
 */
export const CALL_USER_STATES = [
  'inviting',
  'received',
  'notYetReceived',
  'accepted',
  'rejected',
  'cancelled',
  'timeout',
  'quit',
] as const;

/**
 * A user's state in one invitation.
 * @example const s: CallUserState = 'received'
 */
export type CallUserState = (typeof CALL_USER_STATES)[number];

/**
 * States in which an invitee is still ringing.
 * @example PENDING_STATES.has(user.state)
 */
export const PENDING_STATES: ReadonlySet<CallUserState> = new Set(['inviting', 'received', 'notYetReceived']);

/**
 * Whether a state is pending (`inviting`, `received` or `notYetReceived`).
 * @example isPending('received') // true
 */
export function isPending(state: CallUserState): boolean {
  return PENDING_STATES.has(state);
}

/**
 * Whether a state is final for the given mode (`accepted` is final only in normal mode).
 * @example isTerminal('accepted', 'advanced') // false
 */
export function isTerminal(state: CallUserState, mode: InvitationMode): boolean {
  if (state === 'accepted') return mode === 'normal';
  return !isPending(state);
}

/**
 * `normal`: Tencent-style invitation; `advanced`: a ZIM-style call that lives until ended.
 * @example const m: InvitationMode = 'advanced'
 */
export type InvitationMode = 'normal' | 'advanced';

/**
 * Lifecycle of the invitation as a whole.
 * @example const s: InvitationState = 'active'
 */
export type InvitationState = 'active' | 'ended';

/**
 * Why an invitation ended (normal: last thing that happened; advanced: `ended` or `empty`).
 * @example const r: EndReason = 'allAnswered'
 */
export type EndReason = 'allAnswered' | 'cancelled' | 'timeout' | 'ended' | 'empty';

/**
 * Why the server (not the user) changed a user's state: the inviter went away, the
 * participant went away, or the invitee was busy.
 * @example const r: ServerReason = 'callerGone'
 */
export type ServerReason = 'callerGone' | 'gone' | 'busy';

/**
 * What the server's push notifier receives for an offline invitee.
 * @example const push: OfflinePushInfo = { title: 'Alice', desc: 'Incoming call' }
 */
export interface OfflinePushInfo {
  title?: string;
  desc: string;
  payload?: string;
  sound?: string;
}

/**
 * One user's place in an invitation.
 * @example const u: CallUser = { userID: 'bob', state: 'inviting', data: '', updateTime: Date.now() }
 */
export interface CallUser {
  userID: string;
  state: CallUserState;
  /** Custom data sent with the last action that changed this user (ZIM extendedData). */
  data: string;
  /** Server time (ms) of the last change. */
  updateTime: number;
  /** The device that made the last change, when a device made it. */
  deviceID?: string;
  /** Set when the server made the change on the user's behalf. */
  reason?: ServerReason;
  /** Server time (ms) at which a pending user times out; absent when the timeout is 0. */
  deadline?: number;
  /** Seconds this user was given to answer (their own timeout, 0 = never). */
  timeout: number;
  /** The invitation version at which this user last changed. */
  version: number;
}

/**
 * A call invitation as the server holds it; every notification carries its `version`.
 * @example if (invitation.state === 'active') console.log(invitation.users.length)
 */
export interface Invitation {
  inviteID: string;
  mode: InvitationMode;
  inviter: string;
  /** The device the inviter invited from. */
  inviterDeviceID?: string;
  groupID?: string;
  data: string;
  timeout: number;
  onlineUserOnly: boolean;
  /**
   * onlineUserOnly only: invitees who had no connected device when they were invited. They stay
   * listed (pending until they time out) but are never told about the invitation.
   */
  undelivered?: string[];
  offlinePushInfo?: OfflinePushInfo;
  enableNotReceivedCheck: boolean;
  createTime: number;
  endTime?: number;
  state: InvitationState;
  endReason?: EndReason;
  /** The user whose action ended the invitation. */
  endedBy?: string;
  /** The data sent with the action that ended the invitation. */
  endData?: string;
  version: number;
  users: CallUser[];
}

/**
 * The kinds of signaling messages kept in history (docs/protocol.md section 7).
 * @example const a: SignalingActionType = 'accept'
 */
export type SignalingActionType =
  | 'invite'
  | 'cancel'
  | 'accept'
  | 'reject'
  | 'timeout'
  | 'modify'
  | 'callingInvite'
  | 'join'
  | 'quit'
  | 'end';

/**
 * What a signaling message says (Tencent V2TIMSignalingInfo).
 * @example const info = client.getSignalingInfo(message)
 */
export interface SignalingInfo {
  inviteID: string;
  inviter: string;
  groupID?: string;
  inviteeList: string[];
  data: string;
  timeout: number;
  actionType: SignalingActionType;
}

/**
 * A conversation: one-to-one with a user, or a group.
 * @example const c: Conversation = { type: 'c2c', userID: 'bob' }
 */
export type Conversation = { type: 'c2c'; userID: string } | { type: 'group'; groupID: string };

/**
 * A message in signaling history.
 * @example const when = new Date(message.time)
 */
export interface SignalingMessage {
  messageID: string;
  conversation: Conversation;
  sender: string;
  time: number;
  signaling: SignalingInfo;
}
