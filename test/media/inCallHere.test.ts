import { describe, expect, it } from 'vitest';
import { inCallHere } from '../../src/media/inCallHere.js';
import type { CallUser, Invitation } from '../../src/protocol/types.js';

const user = (userID: string, state: CallUser['state'], deviceID?: string): CallUser => ({ userID, state, data: '', updateTime: 1, timeout: 30, version: 1, ...(deviceID && { deviceID }) });
const call = (users: CallUser[], extra: Partial<Invitation> = {}): Invitation => ({
  inviteID: 'i1', mode: 'advanced', inviter: 'alice', data: '', timeout: 30, onlineUserOnly: false, enableNotReceivedCheck: false,
  createTime: 1, state: 'active', version: 1, users, ...extra,
});

describe('inCallHere: whether the media should run on this device', () => {
  it('is "not yet" while the invitation is unknown or I still ring', () => {
    expect(inCallHere(undefined, 'bob', 'd1')).toBe('not yet');
    expect(inCallHere(call([user('bob', 'inviting')]), 'bob', 'd1')).toBe('not yet');
    expect(inCallHere(call([user('bob', 'received')]), 'bob', 'd1')).toBe('not yet');
  });

  it('is "yes" for the inviter of an advanced call and for whoever accepted on this device', () => {
    expect(inCallHere(call([user('bob', 'inviting')]), 'alice', 'd1')).toBe('yes');
    expect(inCallHere(call([user('bob', 'accepted', 'd1')]), 'bob', 'd1')).toBe('yes');
  });

  it('is "no" when another device took the call, the call ended, or the inviter of a normal call asks', () => {
    expect(inCallHere(call([user('bob', 'accepted', 'd2')]), 'bob', 'd1')).toBe('no');
    expect(inCallHere(call([user('bob', 'accepted', 'd1')], { state: 'ended' }), 'bob', 'd1')).toBe('no');
    expect(inCallHere(call([user('bob', 'inviting')], { mode: 'normal' }), 'alice', 'd1')).toBe('no');
    expect(inCallHere(call([user('bob', 'rejected')]), 'bob', 'd1')).toBe('no');
  });

  it('ends a one-to-one call for me once the other side is gone, but not a group call', () => {
    const twoOfUs = [user('alice', 'quit'), user('bob', 'accepted', 'd1')];
    expect(inCallHere(call(twoOfUs), 'bob', 'd1')).toBe('no');
    expect(inCallHere(call(twoOfUs, { groupID: 'class' }), 'bob', 'd1')).toBe('yes');
    expect(inCallHere(call([user('alice', 'accepted'), user('bob', 'accepted', 'd1')]), 'bob', 'd1')).toBe('yes');
  });
});
