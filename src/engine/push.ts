import type { OfflinePushInfo } from '../protocol/types.js';

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
