import { describe, expect, it } from 'vitest';
import { describeCall, ringEndReason } from '../../src/react/index.js';
import { invitation, user } from './support/fixtures.js';

describe('ringEndReason: why a call stopped ringing for bob on his phone', () => {
  const ended = (state: Parameters<typeof user>[1], extra: Parameters<typeof user>[3] = {}, active = true) =>
    ringEndReason(invitation(2, [user('bob', state, 2, extra)], { state: active ? 'active' : 'ended' }), 'bob', 'phone');

  it('tells this device from the others', () => {
    expect(ended('accepted', { deviceID: 'phone' })).toBe('accepted');
    expect(ended('accepted', { deviceID: 'laptop' })).toBe('answeredElsewhere');
    expect(ended('rejected', { deviceID: 'phone' })).toBe('declined');
    expect(ended('rejected', { deviceID: 'laptop' })).toBe('declinedElsewhere');
    expect(ended('rejected', { deviceID: 'laptop', data: '{"reason":"busy"}' })).toBe('busyElsewhere');
  });

  it('reads cancellations, timeouts and a vanished caller from the snapshot', () => {
    expect(ended('cancelled')).toBe('cancelled');
    expect(ended('cancelled', { reason: 'callerGone' })).toBe('callerGone');
    expect(ended('timeout')).toBe('timeout');
    expect(ended('received', {}, false)).toBe('cancelled');
    expect(ended('received')).toBeUndefined();
    expect(ringEndReason(undefined, 'bob', 'phone')).toBe('cancelled');
  });
});

describe('describeCall', () => {
  it('reads audio or video from the data and counts the people in the call', () => {
    const oneToOne = invitation(1, [user('alice', 'accepted'), user('bob', 'received')], { data: '{"roomID":"r","video":true}' });
    expect(describeCall(oneToOne, 'bob')).toEqual({ media: 'video', group: false, others: ['alice'] });
    const group = invitation(1, [user('bob', 'received'), user('carol', 'received')], { data: 'not json' });
    expect(describeCall(group, 'bob')).toEqual({ media: 'audio', group: true, others: ['alice', 'carol'] });
    expect(describeCall(invitation(1, [user('bob', 'received')], { groupID: 'team' }), 'bob').group).toBe(true);
  });
});
