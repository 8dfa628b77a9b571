import { describe, expect, it } from 'vitest';
import { deriveEvents } from '../../src/client/deriveEvents.js';
import { mergeUpdate } from '../../src/client/mergeUpdate.js';
import type { CallUser, Invitation } from '../../src/protocol/types.js';

const user = (userID: string, state: CallUser['state'], version: number, extra: Partial<CallUser> = {}): CallUser => ({
  userID, state, data: '', updateTime: 0, timeout: 30, version, ...extra,
});
const invitation = (version: number, users: CallUser[], extra: Partial<Invitation> = {}): Invitation => ({
  inviteID: 'i1', mode: 'normal', inviter: 'alice', inviterDeviceID: 'a-phone', data: '', timeout: 30, onlineUserOnly: false,
  enableNotReceivedCheck: false, createTime: 0, state: 'active', version, users, ...extra,
});
const ctx = (self: string, extra = {}) => ({ self, deviceID: 'other', missed: false, serverTime: 0, ...extra });
const names = (events: ReturnType<typeof deriveEvents>) => events.map(([name]) => name);

describe('deriveEvents: events from the difference between two versions', () => {
  it('rings an invitee on first sight, with seconds remaining from the server clock', () => {
    const next = invitation(1, [user('bob', 'inviting', 1, { deadline: 30_000 })]);
    const events = deriveEvents(undefined, next, ctx('bob', { serverTime: 12_500 }));
    expect(names(events)).toEqual(['invitationUpdated', 'invitationReceived', 'callUserStateChanged']);
    expect(events[1]![1]).toMatchObject({ inviter: 'alice', inviteeList: ['bob'], deadline: 30_000, remainingSeconds: 18 });
  });

  it('builds only the events someone listens to (a headless client that answers as it rings builds one)', () => {
    const ring = invitation(1, [user('bob', 'inviting', 1, { deadline: 30_000 })]);
    expect(names(deriveEvents(undefined, ring, ctx('bob', { wants: (name: string) => name === 'invitationReceived' })))).toEqual(['invitationReceived']);
    expect(deriveEvents(undefined, ring, ctx('bob', { wants: () => false }))).toEqual([]);
    const ended = invitation(2, [user('bob', 'cancelled', 2)], { state: 'ended', data: 'changed' });
    expect(deriveEvents(mergeUpdate(undefined, { invitation: ring, serverTime: 0 }), ended, ctx('bob', { wants: () => false }))).toEqual([]);
    expect(names(deriveEvents(ring, ended, ctx('bob')))).toEqual(['invitationUpdated', 'invitationModified', 'callUserStateChanged', 'invitationCancelled']);
  });

  it('tells the inviter’s other devices invitationCreated, but not the device that invited', () => {
    const next = invitation(1, [user('bob', 'inviting', 1)]);
    expect(names(deriveEvents(undefined, next, ctx('alice')))).toContain('invitationCreated');
    expect(names(deriveEvents(undefined, next, { ...ctx('alice'), deviceID: 'a-phone' }))).not.toContain('invitationCreated');
  });

  it('derives one inviteeAccepted with the accepting device, and nothing for unchanged users', () => {
    const prev = invitation(2, [user('bob', 'received', 2), user('carol', 'received', 2)]);
    const next = invitation(3, [user('bob', 'accepted', 3, { data: 'ok', deviceID: 'b-laptop' }), user('carol', 'received', 2)]);
    const events = deriveEvents(prev, next, ctx('carol'));
    expect(names(events)).toEqual(['invitationUpdated', 'callUserStateChanged', 'inviteeAccepted']);
    expect(events[1]![1]).toMatchObject({ callUserList: [expect.objectContaining({ userID: 'bob' })] });
    expect(events[2]![1]).toMatchObject({ invitee: 'bob', data: 'ok', deviceID: 'b-laptop' });
  });

  it('builds only the per-user events someone listens to, and the answer payloads without an absent deviceID', () => {
    const prev = invitation(2, [user('bob', 'received', 2), user('carol', 'received', 2)]);
    const next = invitation(3, [user('bob', 'accepted', 3), user('carol', 'rejected', 3, { deviceID: 'c-phone' })]);
    const listOnly = deriveEvents(prev, next, ctx('dave', { wants: (name: string) => name === 'invitationUpdated' }));
    expect(names(listOnly)).toEqual(['invitationUpdated']);
    const answers = deriveEvents(prev, next, ctx('dave', { wants: (name: string) => name !== 'callUserStateChanged' }));
    expect(names(answers)).toEqual(['invitationUpdated', 'inviteeAccepted', 'inviteeRejected']);
    expect(answers[1]![1]).toEqual({ inviteID: 'i1', version: 3, invitee: 'bob', data: '' });
    expect(answers[2]![1]).toEqual({ inviteID: 'i1', version: 3, invitee: 'carol', data: '', deviceID: 'c-phone' });
  });

  it('splits cancellations by reason and marks missed ones', () => {
    const prev = invitation(1, [user('bob', 'inviting', 1), user('carol', 'inviting', 1)]);
    const next = invitation(2, [user('bob', 'cancelled', 2, { reason: 'callerGone' }), user('carol', 'cancelled', 2, { reason: 'callerGone' })], {
      state: 'ended', endReason: 'cancelled',
    });
    const events = deriveEvents(prev, next, ctx('bob', { missed: true }));
    const cancelled = events.filter(([n]) => n === 'invitationCancelled');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]![1]).toMatchObject({ invitees: ['bob', 'carol'], reason: 'callerGone', missed: true });
  });

  it('reports a timeout with isSelfTimeout only on the timed-out user’s devices', () => {
    const prev = invitation(1, [user('bob', 'inviting', 1)]);
    const next = invitation(2, [user('bob', 'timeout', 2)], { state: 'ended', endReason: 'timeout' });
    const find = (self: string) => deriveEvents(prev, next, ctx(self)).find(([n]) => n === 'invitationTimeout')![1];
    expect(find('bob')).toMatchObject({ inviteeList: ['bob'], isSelfTimeout: true });
    expect(find('alice')).toMatchObject({ isSelfTimeout: false });
  });

  it('shows a missed call on first sight without ringing', () => {
    const next = invitation(2, [user('bob', 'timeout', 2)], { state: 'ended', endReason: 'timeout' });
    const events = deriveEvents(undefined, next, ctx('bob', { missed: true }));
    expect(names(events)).not.toContain('invitationReceived');
    expect(events.find(([n]) => n === 'invitationTimeout')![1]).toMatchObject({ missed: true, isSelfTimeout: true });
  });

  it('reports modify and the end of an advanced call', () => {
    const prev = invitation(4, [user('alice', 'accepted', 1), user('bob', 'accepted', 3)], { mode: 'advanced', data: 'a' });
    const modified = invitation(5, prev.users, { mode: 'advanced', data: 'b' });
    expect(deriveEvents(prev, modified, ctx('bob')).find(([n]) => n === 'invitationModified')![1]).toMatchObject({ data: 'b' });
    const ended = invitation(6, prev.users, { mode: 'advanced', data: 'b', state: 'ended', endReason: 'ended', endedBy: 'alice', endData: 'bye', endTime: 9 });
    expect(deriveEvents(modified, ended, ctx('bob')).find(([n]) => n === 'invitationEnded')![1]).toMatchObject({
      operatedUserID: 'alice', data: 'bye', endTime: 9, endReason: 'ended',
    });
  });
});

describe('mergeUpdate: deltas against the mirror', () => {
  const prev = invitation(3, [user('bob', 'received', 2), user('carol', 'received', 3)]);

  it('merges the changed users of a delta whose base the mirror has reached', () => {
    const delta = { invitation: invitation(5, [user('carol', 'accepted', 5)]), baseVersion: 3, serverTime: 0 };
    expect(mergeUpdate(prev, delta)?.users.map((u) => [u.userID, u.state])).toEqual([['bob', 'received'], ['carol', 'accepted']]);
  });

  it('refuses a delta based on a version the mirror does not have yet', () => {
    expect(mergeUpdate(prev, { invitation: invitation(6, []), baseVersion: 4, serverTime: 0 })).toBeUndefined();
    expect(mergeUpdate(undefined, { invitation: invitation(6, []), baseVersion: 4, serverTime: 0 })).toBeUndefined();
  });
});
