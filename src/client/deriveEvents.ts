import type { InvitationCancelledEvent, InvitationEventMap, InvitationTimeoutEvent, InviteeAcceptedEvent } from '../protocol/events.js';
import { isPending, type CallUser, type Invitation } from '../protocol/types.js';
import { findUser, userPosition } from './userIndex.js';

/**
 * One event to emit: its name and payload.
 * @example for (const [name, payload] of events) emitter.emit(name, payload as never)
 */
export type DerivedEvent = { [K in keyof InvitationEventMap]: [K, InvitationEventMap[K]] }[keyof InvitationEventMap];

/**
 * Where a snapshot came from.
 * @example const ctx: DeriveContext = { self: 'alice', deviceID: 'phone', missed: false, serverTime: update.serverTime }
 */
export interface DeriveContext {
  self: string;
  deviceID: string;
  /** The server marked it as ended while all the user's devices were away. */
  missed: boolean;
  /** Server time when it was sent (for seconds remaining). */
  serverTime: number;
  /** The only users of `next` that may differ from `prev` (a delta's users); default all. */
  candidates?: readonly CallUser[];
  /**
   * Whether anyone listens to an event (default: yes to all). Per-user events nobody listens to
   * are not built: a class member's app that only mirrors the list does not pay for a thousand
   * `inviteeAccepted` payloads per round.
   */
  wants?: (name: keyof InvitationEventMap) => boolean;
}

const everything = () => true;

/**
 * The events a recipient sees when its mirror moves from `prev` to `next` (docs/protocol.md
 * section 5). Because events come from the difference between two versions, a change is seen
 * exactly once however updates are merged, repeated or replayed after a reconnect.
 * @example const events = deriveEvents(prev, next, { self: 'alice', deviceID: 'phone', missed: false, serverTime })
 */
export function deriveEvents(prev: Invitation | undefined, next: Invitation, ctx: DeriveContext): DerivedEvent[] {
  const { inviteID, version } = next;
  const wants = ctx.wants ?? everything;
  // Events nobody listens to are not built (a headless client that only answers builds two or
  // three), and payloads are object literals, not spreads of a base (a spread and the fields
  // added after it cost several times more, on every update of a 1v1 call).
  const events: DerivedEvent[] = wants('invitationUpdated') ? [['invitationUpdated', { inviteID, version, invitation: next }]] : [];
  // One pass over the users a delta carried (only they can differ from `prev`), so a delta costs
  // what it carries: `changed` for callUserStateChanged, `news` for the granular answers — for
  // users seen before, or, on first sight, what happened to me and the invitees the server
  // declined as busy when the invitation was made.
  const wantsChanged = wants('callUserStateChanged');
  const changed: CallUser[] = [];
  const news: CallUser[] = [];
  for (const u of ctx.candidates ?? next.users) {
    const before = userBefore(prev, u.userID);
    if (before !== undefined && before.version === u.version) continue;
    if (wantsChanged) changed.push(u);
    if (prev ? before?.state !== u.state : u.userID === ctx.self || u.reason === 'busy') news.push(u);
  }
  const mine = findUser(next.users, ctx.self);

  if (!prev && next.inviter === ctx.self && next.inviterDeviceID !== ctx.deviceID && next.state === 'active' && wants('invitationCreated')) {
    events.push(['invitationCreated', { inviteID, version, invitation: next }]);
  }
  const wasMine = userBefore(prev, ctx.self)?.state;
  const wasPending = wasMine !== undefined && isPending(wasMine);
  if (mine && isPending(mine.state) && next.state === 'active' && !wasPending && wants('invitationReceived')) {
    const inviteeList: string[] = [];
    for (const u of next.users) if (u.userID !== next.inviter) inviteeList.push(u.userID);
    const { inviter, groupID, data, mode } = next;
    const { timeout, deadline } = mine;
    const remainingSeconds = deadline === undefined ? null : Math.max(0, Math.ceil((deadline - ctx.serverTime) / 1000));
    events.push([
      'invitationReceived',
      groupID === undefined
        ? { inviteID, version, inviter, inviteeList, data, mode, timeout, deadline: deadline ?? null, remainingSeconds, invitation: next }
        : { inviteID, version, inviter, groupID, inviteeList, data, mode, timeout, deadline: deadline ?? null, remainingSeconds, invitation: next },
    ]);
  }
  if (prev && prev.data !== next.data && wants('invitationModified')) events.push(['invitationModified', { inviteID, version, data: next.data }]);
  if (changed.length > 0) events.push(['callUserStateChanged', { inviteID, version, callUserList: changed }]);
  if (news.length > 0) pushAnswers(events, news, prev, next, ctx, wants);
  if (next.mode === 'advanced' && next.state === 'ended' && prev?.state !== 'ended' && (prev || ctx.missed) && wants('invitationEnded')) {
    events.push([
      'invitationEnded',
      { inviteID, version, operatedUserID: next.endedBy ?? '', data: next.endData ?? '', endTime: next.endTime ?? ctx.serverTime, endReason: next.endReason ?? 'ended' },
    ]);
  }
  return events;
}

/** A user as `prev` held them (by userID), or undefined. */
function userBefore(prev: Invitation | undefined, userID: string): CallUser | undefined {
  if (!prev) return undefined;
  const i = userPosition(prev.users, userID);
  return i === undefined ? undefined : prev.users[i];
}

/** The events of users whose state is news: answers, cancellations, timeouts (in that order). */
function pushAnswers(events: DerivedEvent[], news: CallUser[], prev: Invitation | undefined, next: Invitation, ctx: DeriveContext, wants: (name: keyof InvitationEventMap) => boolean): void {
  const { inviteID, version } = next;
  const accepted = wants('inviteeAccepted');
  const rejected = wants('inviteeRejected');
  let cancelled: CallUser[] | undefined;
  let timedOut: string[] | undefined;
  for (const u of news) {
    if (u.state === 'cancelled') (cancelled ??= []).push(u);
    else if (u.state === 'timeout') (timedOut ??= []).push(u.userID);
    const isAccept = accepted && u.state === 'accepted' && prev !== undefined;
    if (!isAccept && !(rejected && u.state === 'rejected' && (prev !== undefined || u.reason === 'busy'))) continue;
    // Built field by field: a conditional spread costs several times more, times a class of 1,000.
    const answer: InviteeAcceptedEvent = { inviteID, version, invitee: u.userID, data: u.data };
    if (u.deviceID !== undefined) answer.deviceID = u.deviceID;
    events.push([isAccept ? 'inviteeAccepted' : 'inviteeRejected', answer]);
  }
  if (cancelled && wants('invitationCancelled')) {
    for (const reason of ['cancelled', 'callerGone'] as const) {
      const group = cancelled.filter((u) => (u.reason === 'callerGone') === (reason === 'callerGone'));
      if (group.length === 0) continue;
      const event: InvitationCancelledEvent = { inviteID, version, inviter: next.inviter, data: group[0]!.data, invitees: group.map((u) => u.userID), reason };
      if (ctx.missed) event.missed = true;
      events.push(['invitationCancelled', event]);
    }
  }
  if (timedOut && wants('invitationTimeout')) {
    const event: InvitationTimeoutEvent = { inviteID, version, inviteeList: timedOut, isSelfTimeout: timedOut.includes(ctx.self) };
    if (ctx.missed) event.missed = true;
    events.push(['invitationTimeout', event]);
  }
}
