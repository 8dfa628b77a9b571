import { describe, expect, it } from 'vitest';
import { INVITATION_EVENT_NAMES } from '../../../src/protocol/events.js';
import { ringkitEventTable as table } from '../../../src/store/ringkitEventTable.js';
import { MAX_ENDED_INVITATIONS, replaceSnapshot } from '../../../src/store/replaceSnapshot.js';
import { selectCallUser } from '../../../src/store/selectors/selectCallUser.js';
import { selectDetachedCall } from '../../../src/store/selectors/selectDetachedCall.js';
import { selectIsBusy } from '../../../src/store/selectors/selectIsBusy.js';
import { selectRingingInvitations } from '../../../src/store/selectors/selectRingingInvitations.js';
import { selectUserCounts } from '../../../src/store/selectors/selectUserCounts.js';
import { withIdentity } from '../../../src/store/withIdentity.js';
import { invitation, stateFor, user } from '../support/fixtures.js';

const base = { inviteID: 'inv-1' };

describe('the store event table (pure, no sockets)', () => {
  it('has an entry for every client event and nothing else', () => {
    expect(Object.keys(table).sort()).toEqual([...INVITATION_EVENT_NAMES, 'connectionStateChanged', 'mediaSignal'].sort());
  });

  it('keeps no media signal: SDP is relayed to the peer connection, not stored', () => {
    const state = stateFor('bob');
    expect(table.mediaSignal(state, { inviteID: 'inv-1', from: 'alice', fromDeviceID: 'd1', signal: '{"type":"offer"}' })).toBe(state);
  });

  it('stores a snapshot from invitationReceived, invitationCreated and invitationUpdated, with my role and state', () => {
    const v1 = invitation(1, [user('bob', 'inviting')]);
    const received = table.invitationReceived(stateFor('bob'), {
      ...base, version: 1, inviter: 'alice', inviteeList: ['bob'], data: '', mode: 'normal', timeout: 30, deadline: null, remainingSeconds: null, invitation: v1,
    });
    expect(received.invitations['inv-1']).toBe(v1);
    expect(received.parts['inv-1']).toEqual({ role: 'invitee', state: 'inviting' });

    const created = table.invitationCreated(stateFor('alice'), { ...base, version: 1, invitation: v1 });
    expect(created.parts['inv-1']).toEqual({ role: 'inviter', state: undefined });

    const watched = table.invitationUpdated(stateFor('carol'), { ...base, version: 1, invitation: { ...v1, groupID: 'class' } });
    expect(watched.parts['inv-1']).toEqual({ role: 'member', state: undefined });
  });

  it('replaces a snapshot only with a newer version (duplicates and reordering change nothing)', () => {
    const v2 = invitation(2, [user('bob', 'received', 2)]);
    const v3 = invitation(3, [user('bob', 'accepted', 3)]);
    let state = table.invitationUpdated(stateFor('bob'), { ...base, version: 3, invitation: v3 });
    const after3 = state;
    state = table.invitationUpdated(state, { ...base, version: 2, invitation: v2 });
    expect(state).toBe(after3);
    state = table.invitationUpdated(state, { ...base, version: 3, invitation: { ...v3, data: 'duplicate' } });
    expect(state).toBe(after3);
    expect(state.parts['inv-1']?.state).toBe('accepted');
  });

  it('leaves granular events to the snapshot that precedes them (same state object)', () => {
    const state = table.invitationUpdated(stateFor('alice'), { ...base, version: 2, invitation: invitation(2, [user('bob', 'accepted', 2)]) });
    const answer = { ...base, version: 2, invitee: 'bob', data: '' };
    expect(table.inviteeAccepted(state, answer)).toBe(state);
    expect(table.inviteeRejected(state, answer)).toBe(state);
    expect(table.invitationCancelled(state, { ...base, version: 2, inviter: 'alice', data: '', invitees: ['bob'], reason: 'cancelled' })).toBe(state);
    expect(table.invitationTimeout(state, { ...base, version: 2, inviteeList: ['bob'], isSelfTimeout: false })).toBe(state);
    expect(table.invitationModified(state, { ...base, version: 2, data: 'x' })).toBe(state);
    expect(table.callUserStateChanged(state, { ...base, version: 2, callUserList: [user('bob', 'accepted', 2)] })).toBe(state);
    expect(table.invitationEnded(state, { ...base, version: 2, operatedUserID: 'alice', data: '', endTime: 5, endReason: 'ended' })).toBe(state);
  });

  it('keeps the objects of users that did not change between versions', () => {
    const users = Array.from({ length: 500 }, (_, i) => user(`s${i}`, 'received', 1));
    let state = table.invitationUpdated(stateFor('s7'), { ...base, version: 1, invitation: invitation(1, users) });
    const s7 = selectCallUser(state, 'inv-1', 's7');
    const s8 = selectCallUser(state, 'inv-1', 's8');
    const fresh = users.map((u) => (u.userID === 's8' ? user('s8', 'accepted', 2) : { ...u })); // a full resend: new objects
    state = table.invitationUpdated(state, { ...base, version: 2, invitation: invitation(2, fresh) });
    expect(selectCallUser(state, 'inv-1', 's7')).toBe(s7);
    expect(selectCallUser(state, 'inv-1', 's8')).not.toBe(s8);
    expect(selectCallUser(state, 'inv-1', 's8')?.state).toBe('accepted');
    expect(selectUserCounts(state.invitations['inv-1']!.users)).toMatchObject({ received: 499, accepted: 1 });
  });

  it('keeps the user list itself when only the invitation data changed', () => {
    const state = table.invitationUpdated(stateFor('bob'), { ...base, version: 1, invitation: invitation(1, [user('bob', 'received')]) });
    const next = table.invitationUpdated(state, { ...base, version: 2, invitation: invitation(2, [user('bob', 'received')], { data: 'new' }) });
    expect(next.invitations['inv-1']!.users).toBe(state.invitations['inv-1']!.users);
    expect(next.parts).toBe(state.parts);
  });

  it('records connection changes and their error as lastError', () => {
    const state = stateFor('bob');
    const lost = table.connectionStateChanged(state, { state: 'reconnecting', previous: 'connected' });
    expect(lost).toMatchObject({ connectionState: 'reconnecting', lastError: null });
    const refused = table.connectionStateChanged(lost, { state: 'disconnected', previous: 'reconnecting', error: { code: 'UNAUTHENTICATED', message: 'expired' } });
    expect(refused).toMatchObject({ connectionState: 'disconnected', lastError: { code: 'UNAUTHENTICATED', message: 'expired' } });
    expect(table.connectionStateChanged(state, { state: 'connected', previous: 'connected' })).toBe(state);
    const odd = table.connectionStateChanged(state, { state: 'disconnected', previous: 'connected', error: { code: 'WHATEVER', message: 'm' } });
    expect(odd.lastError?.code).toBe('INTERNAL');
  });

  it('re-derives my part when the signed-in user becomes known', () => {
    const anonymous = table.invitationUpdated(stateFor(''), { ...base, version: 1, invitation: invitation(1, [user('bob', 'received')]) });
    expect(anonymous.parts['inv-1']?.role).toBe('member');
    const bob = withIdentity(anonymous, 'bob', 'b1');
    expect(bob.parts['inv-1']).toEqual({ role: 'invitee', state: 'received' });
    expect(withIdentity(bob, 'bob', 'b1')).toBe(bob);
  });

  it("selects ringing invitations in line (callers first come, first shown; a caller's newest call first), with a stable array, and busy from advanced calls", () => {
    let state = stateFor('bob');
    state = replaceSnapshot(state, invitation(1, [user('bob', 'received')], { inviteID: 'late', createTime: 2000, inviter: 'carol' }));
    state = replaceSnapshot(state, invitation(1, [user('bob', 'inviting')], { inviteID: 'early', createTime: 1000, inviter: 'dave' }));
    state = replaceSnapshot(state, invitation(1, [user('bob', 'accepted')], { inviteID: 'answered' }));
    expect(selectRingingInvitations(state).map((i) => i.inviteID)).toEqual(['early', 'late']);
    expect(selectRingingInvitations(state)).toBe(selectRingingInvitations(state));
    // dave calls again: his newer call takes his place in line, ahead of his older one.
    const redial = replaceSnapshot(state, invitation(1, [user('bob', 'inviting')], { inviteID: 'again', createTime: 3000, inviter: 'dave' }));
    expect(selectRingingInvitations(redial).map((i) => i.inviteID)).toEqual(['again', 'early', 'late']);
    expect(selectIsBusy(state)).toBe(false);
    expect(selectIsBusy({ ...state, busy: true })).toBe(true);
    const inCall = replaceSnapshot(state, invitation(1, [user('carol', 'accepted'), user('bob', 'accepted')], { inviteID: 'call', mode: 'advanced', inviter: 'carol' }));
    expect(selectIsBusy(inCall)).toBe(true);
    const callOver = replaceSnapshot(inCall, invitation(2, [user('carol', 'accepted'), user('bob', 'accepted')], { inviteID: 'call', mode: 'advanced', inviter: 'carol', state: 'ended' }));
    expect(selectIsBusy(callOver)).toBe(false);
  });

  it('a call left on a device of mine that is gone is detached: it does not make me busy, until I continue it here', () => {
    const heldBy = (deviceID: string, version: number) =>
      invitation(version, [user('carol', 'accepted'), user('bob', 'accepted', version, { deviceID })], { inviteID: 'call', mode: 'advanced', inviter: 'carol' });
    const connected = table.connectionStateChanged({ ...stateFor('bob'), deviceID: 'new-tab' }, { state: 'connected', previous: 'connecting', detachedCallIDs: ['call'] });
    const left = replaceSnapshot(connected, heldBy('crashed-tab', 1));
    expect(selectDetachedCall(left)).toBe(left.invitations['call']);
    expect(selectIsBusy(left)).toBe(false);
    const continued = replaceSnapshot(left, heldBy('new-tab', 2));
    expect(selectDetachedCall(continued)).toBeUndefined();
    expect(selectIsBusy(continued)).toBe(true);
  });

  it('keeps at most MAX_ENDED_INVITATIONS ended invitations, dropping the oldest', () => {
    let state = stateFor('bob');
    for (let i = 0; i <= MAX_ENDED_INVITATIONS; i++) {
      state = replaceSnapshot(state, invitation(1, [user('bob', 'rejected')], { inviteID: `old-${i}`, state: 'ended', endTime: 10_000 + i }));
    }
    expect(Object.keys(state.invitations)).toHaveLength(MAX_ENDED_INVITATIONS);
    expect(state.invitations['old-0']).toBeUndefined();
    expect(state.parts['old-0']).toBeUndefined();
    expect(state.invitations[`old-${MAX_ENDED_INVITATIONS}`]).toBeDefined();
  });
});
