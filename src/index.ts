/**
 * `ringkit`: the framework-free signaling client and the protocol's types.
 * @module
 */
export { createSignalingClient, type CreateSignalingClientOptions } from './client/createSignalingClient.js';
export {
  SignalingClient,
  type ActionOptions,
  type CallingInviteOptions,
  type CancelOptions,
  type InviteOptions,
  type PushSubscriptionInput,
  type RequestOptions,
} from './client/SignalingClient.js';
export { cancelCall } from './client/cancelCall.js';
export { REDIAL_DATA, isRedialCancel } from './protocol/isRedialCancel.js';
export * from './protocol/push.js';
export { enablePushRinging, disablePushRinging, syncPushRinging, pushRingingSupported, type PushRingingOptions } from './client/push/pushRinging.js';
export { acceptFromNotification, type AcceptFromNotificationOptions } from './client/push/acceptFromNotification.js';
export type { InvitationSnapshot } from './client/putSnapshot.js';
export { createLoopbackTransport, type LoopbackServer } from './client/createLoopbackTransport.js';
export type { Transport, TransportListener } from './client/Transport.js';
export * from './protocol/errors.js';
export * from './protocol/events.js';
export * from './protocol/types.js';
export { DEFAULT_LIMITS, type RingkitLimits } from './protocol/limits.js';
export type {
  CancelResult,
  ErrorInvitee,
  HistoryResult,
  InviteResult,
  OperationResult,
  QueryInvitationsResult,
} from './protocol/wire.js';
