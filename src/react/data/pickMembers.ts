import { isPending, type CallUser } from '../../protocol/types.js';

/**
 * Whether a group member can be added to a call now: `available`, already `inCall` (accepted),
 * `ringing` (pending), or `full` (the selection already uses every free place).
 * @example const a: MemberAvailability = 'ringing'
 */
export type MemberAvailability = 'available' | 'inCall' | 'ringing' | 'full';

/**
 * One member row of a picker.
 * @example const row: MemberChoice = { userID: 'ada', availability: 'available', checked: true }
 */
export interface MemberChoice {
  userID: string;
  availability: MemberAvailability;
  checked: boolean;
}

/**
 * What a members picker shows.
 * @example const { rows, room, remaining, chosen }: MemberPicks = pickMembers(members, users, 'alice', selected, 10, 9)
 */
export interface MemberPicks {
  rows: MemberChoice[];
  /** Free places in the call: `maxCallUsers` minus everyone accepted or pending (the inviter included). */
  room: number;
  /** Places left after the current selection (never below 0). */
  remaining: number;
  /** The selected members that can still be invited, in member order. */
  chosen: string[];
}

/**
 * The rows of a picker that adds group members to a running call: members already in the call or
 * ringing cannot be picked, and once the selection fills the free places (and at most
 * `maxInvitees` per request) the unselected rest are `full`. Me excluded.
 * @example pickMembers(['alice', 'bob', 'carol'], invitation.users, 'alice', new Set(['bob']), 10, 9).remaining
 */
export function pickMembers(
  members: readonly string[],
  users: readonly CallUser[],
  me: string,
  selected: ReadonlySet<string>,
  maxCallUsers: number,
  maxInvitees: number,
): MemberPicks {
  const states = new Map(users.map((u) => [u.userID, u.state]));
  const taken = users.filter((u) => u.state === 'accepted' || isPending(u.state)).length;
  const room = Math.max(0, maxCallUsers - taken);
  const budget = Math.min(room, maxInvitees);
  const unique = [...new Set(members)].filter((id) => id !== me);
  const busyness = (id: string): MemberAvailability | undefined => {
    const state = states.get(id);
    return state === 'accepted' ? 'inCall' : state && isPending(state) ? 'ringing' : undefined;
  };
  const chosen = unique.filter((id) => selected.has(id) && !busyness(id)).slice(0, budget);
  const picked = new Set(chosen);
  const remaining = Math.max(0, room - chosen.length);
  const full = chosen.length >= budget;
  const rows = unique.map((userID) => ({
    userID,
    availability: busyness(userID) ?? (full && !picked.has(userID) ? 'full' : 'available'),
    checked: picked.has(userID),
  }));
  return { rows, room, remaining, chosen };
}
