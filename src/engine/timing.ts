/**
 * Every time rule of the engine in one place: invitee deadlines, the not-received check, the
 * grace periods of users and devices that went away, and timer leases.
 * @module
 */
import { isPending, type CallUser, type Invitation } from '../protocol/types.js';

/** How long a claimed timer stays with the node that claimed it before another may retry it. */
export const TIMER_LEASE_MS = 10_000;

/**
 * The deadline of a user invited at `now` with `timeout` seconds, or undefined for 0 (never).
 * @example deadlineOf(Date.now(), 30) // 30 s from now
 */
export function deadlineOf(now: number, timeout: number): number | undefined {
  return timeout > 0 ? now + timeout * 1000 : undefined;
}

/**
 * Whether a pending user's deadline has passed at `now` (a user without one never times out).
 * @example if (isOverdue(user, draft.now)) fail('INVALID_STATE', 'the invitation has timed out')
 */
export function isOverdue(user: CallUser, now: number): boolean {
  return user.deadline !== undefined && user.deadline <= now;
}

/**
 * Whether an unacknowledged (`inviting`) user is due for `notYetReceived` at `now`.
 * @example const due = draft.usersIn('inviting').filter((u) => isNotReceivedDue(u, draft.now, 5000))
 */
export function isNotReceivedDue(user: CallUser, now: number, notReceivedCheckMs: number): boolean {
  return user.updateTime + notReceivedCheckMs <= now;
}

/**
 * When the invitation next needs a tick (a deadline or a not-received check), or null.
 * @example storage.commit({ ..., nextTickAt: nextTickAt(invitation, 5000) })
 */
export function nextTickAt(inv: Invitation, notReceivedCheckMs: number): number | null {
  if (inv.state !== 'active') return null;
  // An index loop with no closure: this runs over every user on each commit of a class (its
  // for-of allocated an iterator result per user there, 0.1 MB a round of 200).
  let next = Infinity;
  const users = inv.users;
  const notReceived = inv.enableNotReceivedCheck === true;
  for (let i = 0; i < users.length; i++) {
    const u = users[i]!;
    if (!isPending(u.state)) continue;
    if (u.deadline !== undefined && u.deadline < next) next = u.deadline;
    if (notReceived && u.state === 'inviting' && u.updateTime + notReceivedCheckMs < next) next = u.updateTime + notReceivedCheckMs;
  }
  return next === Infinity ? null : next;
}

/**
 * When the grace period of a user whose last device left at `now` ends.
 * @example storage.setTimer(userGoneTimer(userID), graceEndsAt(clock.now(), limits.callerGraceSeconds))
 */
export function graceEndsAt(now: number, callerGraceSeconds: number): number {
  return now + callerGraceSeconds * 1000;
}

/** Prefix of the timer that fires when a user has had no connected device for the grace period. */
export const USER_GONE_PREFIX = 'gone:';

/** Prefix of the timer that fires when one device of a user has been gone for the grace period. */
export const DEVICE_GONE_PREFIX = 'device:';

/**
 * The timer key of a user's grace period (no device left).
 * @example await storage.clearTimer(userGoneTimer('bob'))
 */
export function userGoneTimer(userID: string): string {
  return `${USER_GONE_PREFIX}${userID}`;
}

/**
 * The timer key of one device's grace period; `parseDeviceGoneTimer` reads it back.
 * @example await storage.setTimer(deviceGoneTimer('bob', 'phone'), graceEnds)
 */
export function deviceGoneTimer(userID: string, deviceID: string): string {
  return `${DEVICE_GONE_PREFIX}${JSON.stringify([userID, deviceID])}`;
}

/**
 * The user and device of a `deviceGoneTimer` key.
 * @example parseDeviceGoneTimer(deviceGoneTimer('bob', 'phone')) // { userID: 'bob', deviceID: 'phone' }
 */
export function parseDeviceGoneTimer(key: string): { userID: string; deviceID: string } {
  const [userID, deviceID] = JSON.parse(key.slice(DEVICE_GONE_PREFIX.length)) as [string, string];
  return { userID, deviceID };
}
