import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALL_USER_STATES, isPending, type CallUser } from '../../src/protocol/types.js';
import { inviteeStatus, isBusyRejection, participantGroup, pickMembers, sortParticipantIDs } from '../../src/react/index.js';
import { user } from './support/fixtures.js';

const state = fc.constantFrom(...CALL_USER_STATES);
/** Users with distinct IDs u0…un and random states. */
const users = fc.array(state, { maxLength: 40 }).map((states) => states.map((s, i) => user(`u${i}`, s)));

describe('sortParticipantIDs', () => {
  it('is a permutation with accepted, then pending, then ended, each group in invitation order', () => {
    fc.assert(
      fc.property(users, (list) => {
        const ids = sortParticipantIDs(list);
        expect([...ids].sort()).toEqual(list.map((u) => u.userID).sort());
        const byID = new Map(list.map((u) => [u.userID, u]));
        const groups = ids.map((id) => participantGroup(byID.get(id)!.state));
        expect(groups).toEqual([...groups].sort());
        for (const g of [0, 1, 2]) {
          const inGroup = ids.filter((id) => participantGroup(byID.get(id)!.state) === g);
          expect(inGroup).toEqual(list.filter((u) => participantGroup(u.state) === g).map((u) => u.userID));
        }
      }),
    );
  });

  it('keeps only the users a filter matches', () => {
    const list = [user('ann', 'received'), user('bob', 'accepted'), user('anna', 'rejected')];
    expect(sortParticipantIDs(list, (u) => u.userID.startsWith('ann'))).toEqual(['ann', 'anna']);
  });
});

describe('pickMembers', () => {
  const args = fc.record({
    list: users,
    selected: fc.array(fc.nat(45), { maxLength: 20 }),
    extra: fc.nat(5),
    maxCallUsers: fc.integer({ min: 1, max: 20 }),
    maxInvitees: fc.integer({ min: 1, max: 9 }),
  });

  it('never picks me, anyone in the call or ringing, or more than the free places and the per-request limit', () => {
    fc.assert(
      fc.property(args, ({ list, selected, extra, maxCallUsers, maxInvitees }) => {
        const members = ['me', ...list.map((u) => u.userID), ...Array.from({ length: extra }, (_, i) => `new${i}`)];
        const picked = new Set(selected.map((n) => members[n % members.length]!));
        const { rows, room, remaining, chosen } = pickMembers(members, list, 'me', picked, maxCallUsers, maxInvitees);
        const taken = list.filter((u) => u.state === 'accepted' || isPending(u.state)).length;
        const stateOf = new Map(list.map((u) => [u.userID, u.state]));
        expect(room).toBe(Math.max(0, maxCallUsers - taken));
        expect(chosen.length).toBeLessThanOrEqual(Math.min(room, maxInvitees));
        expect(remaining).toBe(room - chosen.length);
        expect(rows.map((r) => r.userID)).not.toContain('me');
        for (const id of chosen) {
          expect(picked.has(id)).toBe(true);
          const s = stateOf.get(id);
          expect(s === undefined || !(s === 'accepted' || isPending(s))).toBe(true);
        }
        for (const row of rows) {
          const s = stateOf.get(row.userID);
          if (s === 'accepted') expect(row.availability).toBe('inCall');
          else if (s && isPending(s)) expect(row.availability).toBe('ringing');
          else if (row.checked) expect(row.availability).toBe('available');
          // A free member is locked only when the selection has used every place it may.
          else if (row.availability === 'full') expect(chosen.length).toBe(Math.min(room, maxInvitees));
        }
      }),
    );
  });
});

describe('inviteeStatus', () => {
  const rejected = (extra: Partial<CallUser>) => user('bob', 'rejected', 2, extra);
  it('is busy for a busy rejection, by the server or by the app, and the state otherwise', () => {
    expect(inviteeStatus(rejected({ reason: 'busy' }))).toBe('busy');
    expect(inviteeStatus(rejected({ data: '{"reason":"busy"}' }))).toBe('busy');
    expect(inviteeStatus(rejected({ data: '{"reason":"decline"}' }))).toBe('rejected');
    expect(inviteeStatus(rejected({ data: 'busy' }))).toBe('rejected');
    expect(isBusyRejection(user('bob', 'cancelled', 2, { data: '{"reason":"busy"}' }))).toBe(false);
    expect(inviteeStatus(user('bob', 'notYetReceived'))).toBe('notYetReceived');
  });
});
