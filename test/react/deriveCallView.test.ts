import { describe, expect, it } from 'vitest';
import { deriveCallView } from '../../src/react/index.js';
import { invitation, user } from './support/fixtures.js';

const call = (alice: Parameters<typeof user>[1], bob: Parameters<typeof user>[1], extra: Parameters<typeof invitation>[2] = {}, bobExtra = {}) =>
  invitation(2, [user('alice', alice, 1, { deviceID: 'a1' }), user('bob', bob, 2, { deviceID: 'b1', ...bobExtra })], { mode: 'advanced', ...extra });

describe('deriveCallView (pure)', () => {
  it('follows a call from both sides', () => {
    expect(deriveCallView(call('accepted', 'received'), 'alice', 'a1')).toMatchObject({ status: 'calling', direction: 'outgoing', peer: 'bob' });
    expect(deriveCallView(call('accepted', 'received'), 'bob', 'b1')).toMatchObject({ status: 'ringing', direction: 'incoming', peer: 'alice' });
    expect(deriveCallView(call('accepted', 'accepted'), 'bob', 'b1')).toMatchObject({ status: 'connected', connectedAt: 1002 });
  });

  it('names why it ended', () => {
    const ended = { state: 'ended' } as const;
    expect(deriveCallView(call('accepted', 'timeout', ended), 'alice', 'a1').reason).toBe('timeout');
    expect(deriveCallView(call('accepted', 'timeout', ended), 'bob', 'b1').reason).toBe('timeout');
    expect(deriveCallView(call('accepted', 'rejected', ended, { data: '{"reason":"busy"}' }), 'alice', 'a1').reason).toBe('busy');
    expect(deriveCallView(call('accepted', 'rejected', ended, { reason: 'busy' }), 'alice', 'a1').reason).toBe('busy');
    expect(deriveCallView(call('accepted', 'rejected', ended), 'alice', 'a1').reason).toBe('rejected');
    expect(deriveCallView(call('accepted', 'cancelled', ended, { reason: 'callerGone' }), 'bob', 'b1').reason).toBe('callerGone');
    expect(deriveCallView(call('accepted', 'cancelled', ended), 'bob', 'b1').reason).toBe('cancelled');
    expect(deriveCallView(call('accepted', 'accepted', { state: 'ended', endTime: 9000 }), 'bob', 'b1')).toMatchObject({ reason: 'hungUp', endedAt: 9000 });
    expect(deriveCallView(call('accepted', 'quit', { state: 'ended', endTime: 9000 }, { reason: 'gone' }), 'alice', 'a1')).toMatchObject({ reason: 'peerGone', endedAt: 9000 });
    expect(deriveCallView(call('accepted', 'quit', { state: 'ended', endTime: 9000 }), 'alice', 'a1').reason).toBe('hungUp');
    expect(deriveCallView(call('accepted', 'accepted'), 'bob', 'b2').reason).toBe('answeredElsewhere');
    expect(deriveCallView(call('accepted', 'rejected', ended), 'bob', 'b2').reason).toBe('answeredElsewhere');
    expect(deriveCallView(invitation(1, [user('alice', 'accepted')], { mode: 'advanced' }), 'alice', 'a1').reason).toBe('failed');
  });
});
