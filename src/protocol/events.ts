/**
 * The client's events (docs/protocol.md section 5) and their payloads.
 * @module
 */
import type { CallUser, EndReason, Invitation, InvitationMode } from './types.js';

/**
 * Fields every invitation event carries.
 * @example client.on('invitationUpdated', ({ inviteID, version }) => console.log(inviteID, version))
 */
export interface InvitationEventBase {
  inviteID: string;
  version: number;
}

/**
 * To the inviter's other devices after invite.
 * @example client.on('invitationCreated', (e) => showOutgoingCall(e.invitation))
 */
export interface InvitationCreatedEvent extends InvitationEventBase {
  invitation: Invitation;
}

/**
 * To an invitee's devices when invited, on reconnect while still pending, and after addInvitedSignaling.
 * @example client.on('invitationReceived', (e) => ring(e.inviter, e.remainingSeconds))
 */
export interface InvitationReceivedEvent extends InvitationEventBase {
  inviter: string;
  groupID?: string;
  inviteeList: string[];
  data: string;
  mode: InvitationMode;
  /** Seconds this invitee was given (0 = never times out). */
  timeout: number;
  /** Server time (ms) of this invitee's deadline, or null when it never times out. */
  deadline: number | null;
  /** Seconds left when the server sent it, or null when it never times out. */
  remainingSeconds: number | null;
  invitation: Invitation;
}

/**
 * An invitee accepted (on the device `deviceID`).
 * @example client.on('inviteeAccepted', (e) => joinRoom(JSON.parse(e.data).room))
 */
export interface InviteeAcceptedEvent extends InvitationEventBase {
  invitee: string;
  data: string;
  deviceID?: string;
}

/**
 * An invitee rejected (on the device `deviceID`).
 * @example client.on('inviteeRejected', (e) => toast(`${e.invitee} declined`))
 */
export interface InviteeRejectedEvent extends InvitationEventBase {
  invitee: string;
  data: string;
  deviceID?: string;
}

/**
 * Invitees were cancelled by the inviter, or because the inviter went away.
 * @example client.on('invitationCancelled', (e) => e.missed ? logMissedCall(e) : stopRinging(e.inviteID))
 */
export interface InvitationCancelledEvent extends InvitationEventBase {
  inviter: string;
  data: string;
  invitees: string[];
  reason: 'cancelled' | 'callerGone';
  /** True when it ended while no device of this user was connected: show, never ring. */
  missed?: boolean;
}

/**
 * Invitees did not answer in time.
 * @example client.on('invitationTimeout', (e) => e.isSelfTimeout && stopRinging(e.inviteID))
 */
export interface InvitationTimeoutEvent extends InvitationEventBase {
  inviteeList: string[];
  /** True on the timed-out user's own devices. */
  isSelfTimeout: boolean;
  missed?: boolean;
}

/**
 * The inviter replaced the invitation's data.
 * @example client.on('invitationModified', (e) => setCallInfo(JSON.parse(e.data)))
 */
export interface InvitationModifiedEvent extends InvitationEventBase {
  data: string;
}

/**
 * Users' states changed since the last notification to this recipient.
 * @example client.on('callUserStateChanged', (e) => e.callUserList.forEach((u) => console.log(u.userID, u.state)))
 */
export interface CallUserStateChangedEvent extends InvitationEventBase {
  callUserList: CallUser[];
}

/**
 * An advanced call ended.
 * @example client.on('invitationEnded', (e) => leaveRoom(e.inviteID, e.endReason))
 */
export interface InvitationEndedEvent extends InvitationEventBase {
  operatedUserID: string;
  data: string;
  endTime: number;
  endReason: EndReason;
}

/**
 * Any change at all: the full snapshot (the store's single source).
 * @example client.on('invitationUpdated', (e) => render(e.invitation))
 */
export interface InvitationUpdatedEvent extends InvitationEventBase {
  invitation: Invitation;
}

/**
 * The client's connection states.
 * @example if (client.connectionState === 'reconnecting') showBanner()
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/**
 * The connection state changed; `error` says why it is disconnected, when there is a reason.
 * @example client.on('connectionStateChanged', (e) => e.error?.code === 'UNAUTHENTICATED' && signIn())
 */
export interface ConnectionStateChangedEvent {
  state: ConnectionState;
  previous: ConnectionState;
  error?: { code: string; message: string };
  /**
   * With state `connected`: the calls my user is in on a device of theirs that is not connected
   * (see `client.detachedCallIDs`).
   */
  detachedCallIDs?: string[];
}

/**
 * Every invitation event name mapped to its payload.
 * @example const handler = (e: InvitationEventMap['inviteeAccepted']) => console.log(e.invitee)
 */
export interface InvitationEventMap {
  invitationCreated: InvitationCreatedEvent;
  invitationReceived: InvitationReceivedEvent;
  inviteeAccepted: InviteeAcceptedEvent;
  inviteeRejected: InviteeRejectedEvent;
  invitationCancelled: InvitationCancelledEvent;
  invitationTimeout: InvitationTimeoutEvent;
  invitationModified: InvitationModifiedEvent;
  callUserStateChanged: CallUserStateChangedEvent;
  invitationEnded: InvitationEndedEvent;
  invitationUpdated: InvitationUpdatedEvent;
}

/**
 * A media signal (an SDP or ICE message, opaque to ringkit) another participant's device relayed
 * to this device through `sendMediaSignal`. It reaches only the device that accepted (or joined)
 * the call, in the order the sending device sent it.
 * @example client.on('mediaSignal', (e) => peers.get(e.from)?.handle(JSON.parse(e.signal)))
 */
export interface MediaSignalEvent {
  inviteID: string;
  /** The sending user. */
  from: string;
  /** The sending device: the one that holds `from`'s part in the call. */
  fromDeviceID: string;
  /** The message exactly as it was sent. */
  signal: string;
}

/**
 * Every event a `SignalingClient` emits.
 * @example client.on('connectionStateChanged', (e) => console.log(e.state))
 */
export interface ClientEventMap extends InvitationEventMap {
  connectionStateChanged: ConnectionStateChangedEvent;
  mediaSignal: MediaSignalEvent;
}

/**
 * A client event name.
 * @example const name: ClientEventName = 'invitationReceived'
 */
export type ClientEventName = keyof ClientEventMap;

/**
 * Every invitation event name, as a typed tuple (a new event breaks exhaustive tables).
 * @example for (const name of INVITATION_EVENT_NAMES) client.on(name, log)
 */
export const INVITATION_EVENT_NAMES = [
  'invitationCreated',
  'invitationReceived',
  'inviteeAccepted',
  'inviteeRejected',
  'invitationCancelled',
  'invitationTimeout',
  'invitationModified',
  'callUserStateChanged',
  'invitationEnded',
  'invitationUpdated',
] as const satisfies readonly (keyof InvitationEventMap)[];
