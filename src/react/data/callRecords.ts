import { isPending, type CallUser, type Invitation } from '../../protocol/types.js';
import { isBusyRejection } from '../../protocol/isBusyRejection.js';
import { isRedialCancel } from '../../protocol/isRedialCancel.js';
import { raiseHandKind } from '../../store/raiseHand/raiseHandData.js';

/**
 * What a call was for me: `missed` (rang for me, never answered: timed out, cancelled by the caller
 * or turned away as busy), `declined`, `cancelled` (I hung up before anyone answered), `noAnswer`
 * (nobody answered my call), `answered`, or `ongoing` (still ringing or in the call).
 * @example const k: CallRecordKind = 'missed'
 */
export type CallRecordKind = 'missed' | 'declined' | 'cancelled' | 'noAnswer' | 'answered' | 'ongoing';

/**
 * One line of a call log, derived from an invitation snapshot as one user sees it.
 * @example const { kind, peers, duration }: CallRecord = callRecordOf(invitation, 'bob')!
 */
export interface CallRecord {
  inviteID: string;
  direction: 'incoming' | 'outgoing';
  kind: CallRecordKind;
  /** The other side: the caller of an incoming call, the callees of an outgoing one. */
  peers: string[];
  groupID?: string;
  /** Server time (ms) the call was placed. */
  time: number;
  /** Server time (ms) my part of it ended (when it did). */
  endTime?: number;
  /** Whole seconds connected, for an answered advanced call whose start and end the snapshot keeps. */
  duration?: number;
  /** `busy` (turned away as busy), `callerGone`, `answeredElsewhere` (another device of mine answered). */
  reason?: 'busy' | 'callerGone' | 'answeredElsewhere';
  invitation: Invitation;
}

const answered = (u: CallUser) => u.state === 'accepted' || u.state === 'quit';

/** Seconds between a callee's accept (kept while they are still `accepted`) and the call's end. */
function durationOf(invitation: Invitation, callees: CallUser[]): number | undefined {
  if (invitation.mode !== 'advanced' || invitation.endTime === undefined) return undefined;
  const starts = callees.filter((u) => u.state === 'accepted').map((u) => u.updateTime);
  if (starts.length === 0) return undefined;
  return Math.max(0, Math.round((invitation.endTime - Math.min(...starts)) / 1000));
}

/**
 * The call record of `invitation` for `self`, or undefined when it is no call of mine (I am neither
 * the caller nor a callee), a classroom invitation of `useRaiseHand`, or a call its caller replaced
 * by calling again (cancelled with `REDIAL_DATA`): one attempt is one line, the newer call's, not a
 * "missed call" beside the call that was answered.
 * Duration: an advanced call keeps each callee's accept time until they quit, so a call ended with
 * `end` (what `useCall` does) has one; a call whose callees all quit first shows no duration.
 * @example const record = callRecordOf(invitation, client.userID); if (record?.kind === 'missed') notify()
 */
export function callRecordOf(invitation: Invitation, self: string, deviceID?: string): CallRecord | undefined {
  if (raiseHandKind(invitation)) return undefined;
  const outgoing = invitation.inviter === self;
  const me = invitation.users.find((u) => u.userID === self);
  if (!outgoing && !me) return undefined;
  const callees = invitation.users.filter((u) => u.userID !== invitation.inviter);
  if (callees.length > 0 && callees.every(isRedialCancel)) return undefined;
  const base = {
    inviteID: invitation.inviteID,
    direction: outgoing ? ('outgoing' as const) : ('incoming' as const),
    peers: outgoing ? callees.map((u) => u.userID) : [invitation.inviter],
    ...(invitation.groupID !== undefined && { groupID: invitation.groupID }),
    time: invitation.createTime,
    invitation,
  };
  const record = (kind: CallRecordKind, extra: Partial<CallRecord> = {}): CallRecord => ({ ...base, kind, ...extra });
  const endTime = invitation.endTime;
  if (!outgoing) {
    const mine = me!;
    if (isPending(mine.state)) return record(invitation.state === 'active' ? 'ongoing' : 'missed');
    const elsewhere = deviceID !== undefined && mine.deviceID !== undefined && mine.deviceID !== deviceID ? { reason: 'answeredElsewhere' as const } : {};
    if (answered(mine)) {
      if (invitation.state === 'active' && mine.state === 'accepted') return record('ongoing', elsewhere);
      return record('answered', { ...elsewhere, ...(endTime !== undefined && { endTime }), ...opt('duration', durationOf(invitation, [mine])) });
    }
    if (isBusyRejection(mine)) return record('missed', { reason: 'busy', endTime: mine.updateTime });
    if (mine.state === 'rejected') return record('declined', { ...elsewhere, endTime: mine.updateTime });
    return record('missed', { endTime: mine.updateTime, ...(mine.reason === 'callerGone' && { reason: 'callerGone' as const }) });
  }
  if (invitation.state === 'active' && (invitation.mode === 'advanced' ? callees.some((u) => isPending(u.state) || u.state === 'accepted') : true)) {
    return record('ongoing');
  }
  const last = Math.max(invitation.createTime, ...callees.map((u) => u.updateTime));
  const ended = { endTime: endTime ?? last };
  if (callees.some(answered)) return record('answered', { ...ended, ...opt('duration', durationOf(invitation, callees)) });
  if (callees.some((u) => u.state === 'cancelled')) return record('cancelled', ended);
  if (callees.some((u) => u.state === 'timeout')) return record('noAnswer', ended);
  if (callees.length > 0 && callees.every(isBusyRejection)) return record('declined', { ...ended, reason: 'busy' });
  return record('declined', ended);
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * Records grouped by the local calendar day of `time`, newest day first (records keep their order).
 * @example groupByDay(records).map((g) => g.day) // ['2026-11-27', '2026-11-26']
 */
export function groupByDay(records: readonly CallRecord[]): { day: string; date: Date; records: CallRecord[] }[] {
  const groups = new Map<string, { day: string; date: Date; records: CallRecord[] }>();
  for (const record of records) {
    const date = new Date(record.time);
    const day = dayKey(date);
    let group = groups.get(day);
    if (!group) groups.set(day, (group = { day, date, records: [] }));
    group.records.push(record);
  }
  return [...groups.values()].sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
}

/**
 * A date's local calendar day as `YYYY-MM-DD`.
 * @example dayKey(new Date(2026, 10, 27)) // '2026-11-27'
 */
export function dayKey(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
