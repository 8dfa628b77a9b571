import type { MediaSignalEvent } from '../protocol/events.js';
import type { Invitation } from '../protocol/types.js';
import type { Actor } from './actor.js';

/**
 * Delivers one media signal to one device of one user (a per-device socket.io room, the loopback
 * link of that device, …). Nobody else may receive it: not the user's other devices.
 * @example const deliver: DeliverMediaSignal = (userID, deviceID, signal) => io.to(deviceRoom(userID, deviceID)).emit(MEDIA_SIGNAL_EVENT, signal)
 */
export type DeliverMediaSignal = (userID: string, deviceID: string, signal: MediaSignalEvent) => void;

/**
 * The device of each user who may exchange media signals in an invitation: while it is active,
 * every `accepted` user on the device that accepted or joined (their primary device) and, in
 * normal mode, the inviter on the device that invited (the inviter is not listed in `users`
 * there). A normal-mode invitation ends once nobody is pending, so the relay of a 1v1
 * normal-mode invitation ends with the answer; a call that keeps talking is an advanced-mode
 * invitation (what `useCall` places), which stays active until it is ended.
 * @example mediaPeers(invitation).get('bob') // 'bob-phone'
 */
export function mediaPeers(inv: Invitation): Map<string, string> {
  const peers = new Map<string, string>();
  if (inv.state !== 'active') return peers;
  if (inv.mode === 'normal' && inv.inviterDeviceID !== undefined) peers.set(inv.inviter, inv.inviterDeviceID);
  for (const u of inv.users) if (u.state === 'accepted' && u.deviceID !== undefined) peers.set(u.userID, u.deviceID);
  return peers;
}

/**
 * The device a media signal from `sender` to user `to` goes to, or undefined when it may not go
 * anywhere: the invitation is not active, the sender or `to` is not a media peer (`mediaPeers`),
 * or the sender writes from another device than the one holding their part.
 * @example const device = mediaSignalTarget(invitation, session, 'bob'); if (!device) fail('INVITATION_NOT_FOUND', 'no such invitation')
 */
export function mediaSignalTarget(inv: Invitation, sender: Actor, to: string): string | undefined {
  if (to === sender.userID) return undefined;
  const peers = mediaPeers(inv);
  if (peers.get(sender.userID) !== sender.deviceID) return undefined;
  return peers.get(to);
}
