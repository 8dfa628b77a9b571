import { describe, expect, it } from 'vitest';
import { createRingkitStore, describeCall, ringEndReason, watchRingEnds } from '../../src/react/index.js';
import { until } from '../support/harness.js';
import { invitation, user } from './support/fixtures.js';
import { connectClient, startServer } from './support/ringkit.js';

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

describe('watchRingEnds (a store, no React)', () => {
  it('reports each call that stops ringing, with the reason, for every device of the user', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const phone = await connectClient(server, 'bob', { deviceID: 'phone' });
    const laptop = await connectClient(server, 'bob', { deviceID: 'laptop' });
    const store = createRingkitStore(phone);
    const ends: string[] = [];
    const stop = watchRingEnds(store, ({ invitation, reason }) => ends.push(`${invitation.inviter}:${reason}`));

    const first = await alice.invite('bob');
    await phone.next('invitationReceived');
    await alice.cancel(first.inviteID);
    await until(() => ends.length === 1);
    const second = await alice.invite('bob');
    await laptop.next('invitationReceived', (e) => e.inviteID === second.inviteID);
    await laptop.accept(second.inviteID);
    await until(() => ends.length === 2);
    const third = await alice.invite('bob');
    await phone.next('invitationReceived', (e) => e.inviteID === third.inviteID);
    await phone.reject(third.inviteID);
    await until(() => ends.length === 3);
    expect(ends).toEqual(['alice:cancelled', 'alice:answeredElsewhere', 'alice:declined']);

    stop();
    await alice.invite('bob', { timeout: 1 });
    await phone.next('invitationTimeout');
    expect(ends).toHaveLength(3);
    store.destroy();
  });
});
