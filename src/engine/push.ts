import type { StopRingingReason } from '../protocol/push.js';
import type { Invitation, OfflinePushInfo } from '../protocol/types.js';

/**
 * What the push notifier gets for an invitee with no connected device.
 * @example const push: OfflinePush = { userID: 'bob', inviteID, inviter: 'alice', data: '', timeout: 30, offlinePushInfo: { desc: 'Call' } }
 */
export interface OfflinePush {
  userID: string;
  inviteID: string;
  inviter: string;
  groupID?: string;
  data: string;
  timeout: number;
  offlinePushInfo: OfflinePushInfo;
}

/**
 * Hands invitations to a push service for offline invitees (APNs, FCM, a webhook, …).
 * @example const notifier: PushNotifier = { notify: async (push) => sendToFcm(push) }
 */
export interface PushNotifier {
  notify(push: OfflinePush): Promise<void>;
}

/**
 * Why an invitation stopped ringing for a user (see `WebPushRinger.stop`).
 * @example const reason: StopRingingReason = 'missed'
 */
export type { StopRingingReason } from '../protocol/push.js';

/**
 * The engine's side of Web Push (docs/protocol.md, "Ringing a closed browser"): the server's
 * implementation encrypts and sends; the engine decides when, once in the cluster — `ring` where
 * it hands offline invitees on (after the commit that invited them), `stop` after the commit
 * that ended their ringing.
 * @example const ringer: WebPushRinger = { isAllowedEndpoint: () => true, ring: async () => {}, stop: async () => {} }
 */
export interface WebPushRinger {
  /** Whether a subscription's endpoint may be stored (its host is on the allow-list). */
  isAllowedEndpoint(endpoint: string): boolean;
  /**
   * Rings the browsers of a user with no connected device (one push per stored subscription);
   * `offlinePushInfo` is the operation's (callingInvite's own, else the invitation's).
   */
  ring(userID: string, invitation: Invitation, offlinePushInfo?: OfflinePushInfo): Promise<void>;
  /** The invitation stopped ringing for these users: closes what `ring` showed (a no-op for users it did not ring). */
  stop(userIDs: string[], invitation: Invitation, reason: StopRingingReason): Promise<void>;
}
