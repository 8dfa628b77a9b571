import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPacked, packUpdate, unpackUpdate } from '../../src/protocol/packedUpdate.js';
import type { CallUser, Invitation } from '../../src/protocol/types.js';
import type { WireUpdate } from '../../src/protocol/wire.js';

const state = fc.constantFrom<CallUser['state']>('inviting', 'received', 'notYetReceived', 'accepted', 'rejected', 'cancelled', 'timeout', 'quit');
const callUser: fc.Arbitrary<CallUser> = fc.record(
  {
    userID: fc.string({ minLength: 1, maxLength: 8 }),
    state,
    data: fc.constantFrom('', 'x', '{"a":1}'),
    updateTime: fc.integer({ min: 0, max: 2e12 }),
    deviceID: fc.constantFrom('d1', 'd2'),
    reason: fc.constantFrom('callerGone' as const, 'gone' as const, 'busy' as const),
    deadline: fc.integer({ min: 0, max: 2e12 }),
    timeout: fc.constantFrom(0, 30, 600),
    version: fc.nat(5000),
  },
  { requiredKeys: ['userID', 'state', 'data', 'updateTime', 'timeout', 'version'], noNullPrototype: true },
);
const update: fc.Arbitrary<WireUpdate> = fc.record({
  users: fc.array(callUser, { maxLength: 12 }),
  createTime: fc.integer({ min: 0, max: 2e12 }),
  baseVersion: fc.option(fc.nat(100), { nil: undefined }),
  missed: fc.option(fc.constant(true), { nil: undefined }),
}).map(({ users, createTime, baseVersion, missed }) => {
  const invitation: Invitation = {
    inviteID: 'i1', mode: 'normal', inviter: 'teacher', groupID: 'class', data: '', timeout: 30, onlineUserOnly: false,
    enableNotReceivedCheck: false, createTime, state: 'active', version: 7, users,
  };
  return { invitation, serverTime: 5, ...(baseVersion !== undefined && { baseVersion }), ...(missed && { missed }) };
});

/** What a client receives: the packed form after a JSON round trip, expanded. */
const overTheWire = (u: WireUpdate) => {
  const wire = JSON.parse(JSON.stringify(packUpdate(u))) as WireUpdate;
  expect(isPacked(wire)).toBe(true);
  return isPacked(wire) ? unpackUpdate(wire) : wire;
};

describe('packed updates: users as rows on the wire', () => {
  it('expand to exactly the update that was packed (no field lost, none added, absent stays absent)', () => {
    fc.assert(fc.property(update, (u) => {
      expect(overTheWire(u)).toStrictEqual(u);
    }), { numRuns: 300 });
  });

  it('keep a field the row format does not know, and a state it does not list', () => {
    const odd = { userID: 'ann', state: 'ringing', data: '', updateTime: 3, timeout: 30, version: 2, seat: 'A4' } as unknown as CallUser;
    const u: WireUpdate = { invitation: { inviteID: 'i', mode: 'normal', inviter: 't', data: '', timeout: 30, onlineUserOnly: false, enableNotReceivedCheck: false, createTime: 1, state: 'active', version: 2, users: [odd] }, serverTime: 1 };
    expect(overTheWire(u)).toStrictEqual(u);
  });

  it('are a fraction of the plain bytes for a class of 1,000', () => {
    const users: CallUser[] = Array.from({ length: 1000 }, (_, i) => ({ userID: `s${i}`, state: 'received', data: '', updateTime: 1_800_000_000_000 + i, deviceID: `device-${i}-abcdefghijk`, timeout: 600, deadline: 1_800_000_600_000, version: 10 + i }));
    const u: WireUpdate = { invitation: { inviteID: 'i', mode: 'normal', inviter: 't', groupID: 'g', data: '', timeout: 600, onlineUserOnly: false, enableNotReceivedCheck: false, createTime: 1_800_000_000_000, state: 'active', version: 2000, users }, serverTime: 1, baseVersion: 0 };
    expect(JSON.stringify(packUpdate(u)).length).toBeLessThan(JSON.stringify(u).length / 2);
    expect(overTheWire(u)).toStrictEqual(u);
  });
});
