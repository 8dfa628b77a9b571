import { describe, expect, it } from 'vitest';
import { engineHarness } from '../support/engineHarness.js';

describe('server-clock timing rules (manual clock, no sleeping)', () => {
  it('times out a pending invitee exactly at the deadline, not a millisecond before', async () => {
    const h = engineHarness();
    const { inviteID } = await h.run('alice', 'invitation:invite', { invitees: ['bob'], timeout: 30 });
    await h.advance(29_999);
    expect(h.stateOf(await h.get(inviteID), 'bob')).toBe('inviting');
    await h.advance(1);
    const inv = await h.get(inviteID);
    expect(h.stateOf(inv, 'bob')).toBe('timeout');
    expect(inv).toMatchObject({ state: 'ended', endReason: 'timeout' });
  });

  it('times out invitees whose deadlines fall together in one change', async () => {
    const h = engineHarness();
    const { inviteID } = await h.run('alice', 'invitation:invite', { invitees: ['bob', 'carol', 'dave'], timeout: 10 });
    const before = (await h.get(inviteID)).version;
    await h.advance(10_000);
    const inv = await h.get(inviteID);
    expect(inv.version).toBe(before + 1);
    expect(inv.users.map((u) => u.state)).toEqual(['timeout', 'timeout', 'timeout']);
    const timeoutUpdates = h.delivered.filter((d) => d.userID === 'alice' && d.update.invitation.version === inv.version);
    expect(timeoutUpdates).toHaveLength(1);
  });

  it('refuses an accept that arrives at the deadline even before the timer fired', async () => {
    const h = engineHarness();
    const { inviteID } = await h.run('alice', 'invitation:invite', { invitees: ['bob'], timeout: 5 });
    h.clock.advance(5_000);
    await expect(h.run('bob', 'invitation:accept', { inviteID })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await h.engine.runDueTimers();
    expect(h.stateOf(await h.get(inviteID), 'bob')).toBe('timeout');
  });

  it('never times out with timeout 0', async () => {
    const h = engineHarness();
    const { inviteID } = await h.run('alice', 'invitation:invite', { invitees: ['bob'], timeout: 0 });
    await h.advance(24 * 3600_000);
    expect(h.stateOf(await h.get(inviteID), 'bob')).toBe('inviting');
    expect(await h.storage.nextTimerAt()).toBeNull();
  });

  it('marks an unacknowledged invitee notYetReceived, and received once a device acknowledges', async () => {
    const h = engineHarness({ limits: { notReceivedCheckSeconds: 5 } });
    const { inviteID } = await h.run('alice', 'invitation:invite', { invitees: ['bob', 'carol'], enableNotReceivedCheck: true });
    await h.run('carol', 'invitation:received', { inviteID });
    await h.advance(5_000);
    let inv = await h.get(inviteID);
    expect(h.stateOf(inv, 'bob')).toBe('notYetReceived');
    expect(h.stateOf(inv, 'carol')).toBe('received');
    await h.run('bob', 'invitation:received', { inviteID });
    inv = await h.get(inviteID);
    expect(h.stateOf(inv, 'bob')).toBe('received');
  });

  it('cancels pending invitees with callerGone once the inviter has been away for the grace period', async () => {
    const h = engineHarness({ limits: { callerGraceSeconds: 35 } });
    await h.engine.connect(h.session('alice'));
    const { inviteID } = await h.run('alice', 'invitation:invite', { invitees: ['bob'], timeout: 600 });
    await h.engine.disconnect(h.session('alice'));
    await h.advance(34_999);
    expect(h.stateOf(await h.get(inviteID), 'bob')).toBe('inviting');
    await h.advance(1);
    const inv = await h.get(inviteID);
    expect(inv.users[0]).toMatchObject({ state: 'cancelled', reason: 'callerGone' });
    expect(inv.endReason).toBe('cancelled');
  });

  it('leaves the invitation unchanged when the inviter is back within the grace period', async () => {
    const h = engineHarness({ limits: { callerGraceSeconds: 35 } });
    await h.engine.connect(h.session('alice'));
    const { inviteID } = await h.run('alice', 'invitation:invite', { invitees: ['bob'], timeout: 600 });
    const version = (await h.get(inviteID)).version;
    await h.engine.disconnect(h.session('alice'));
    await h.advance(20_000);
    await h.engine.connect(h.session('alice', 'd2'));
    await h.advance(60_000);
    expect((await h.get(inviteID)).version).toBe(version);
  });

  it('removes an accepted participant who is gone from an advanced call, which then ends empty', async () => {
    const h = engineHarness({ limits: { callerGraceSeconds: 10 } });
    for (const u of ['alice', 'bob']) await h.engine.connect(h.session(u));
    const { inviteID } = await h.run('alice', 'invitation:invite', { invitees: ['bob'], mode: 'advanced' });
    await h.run('bob', 'invitation:accept', { inviteID });
    await h.run('alice', 'invitation:quit', { inviteID });
    await h.engine.disconnect(h.session('bob'));
    await h.advance(10_000);
    const inv = await h.get(inviteID);
    expect(inv.users.find((u) => u.userID === 'bob')).toMatchObject({ state: 'quit', data: '{"reason":"gone"}' });
    expect(inv).toMatchObject({ state: 'ended', endReason: 'empty' });
  });

  it('keeps a missed call for an invitee with no device until a device has shown it', async () => {
    const h = engineHarness();
    await h.engine.connect(h.session('alice'));
    const { inviteID } = await h.run('alice', 'invitation:invite', { invitees: ['bob'], timeout: 5 });
    await h.advance(5_000);
    const sync = () => h.run('bob', 'session:sync', { known: {} });
    const missedCall = [expect.objectContaining({ missed: true, invitation: expect.objectContaining({ inviteID }) })];
    expect((await sync()).updates).toEqual(missedCall);
    // the first device dropped before acknowledging: the next one still gets it
    expect((await sync()).updates).toEqual(missedCall);
    await h.run('bob', 'session:missedSeen', { inviteIDs: [inviteID] });
    expect((await sync()).updates).toEqual([]);
  });

  it('drops the timer of an invitation storage no longer has, instead of retrying it forever', async () => {
    const h = engineHarness();
    await h.storage.setTimer('tick:expired-by-retention', h.clock.now());
    await h.engine.runDueTimers();
    expect(await h.storage.nextTimerAt()).toBeNull();
  });
});
