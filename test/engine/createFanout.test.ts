import { describe, expect, it } from 'vitest';
import { adaptiveWindow, createFanout } from '../../src/engine/createFanout.js';
import type { CallUser, Invitation } from '../../src/protocol/types.js';
import type { WireUpdate } from '../../src/protocol/wire.js';
import { manualClock } from '../support/manualClock.js';

const user = (userID: string, version: number): CallUser => ({ userID, state: 'accepted', data: '', updateTime: 0, timeout: 30, version });
const snapshot = (version: number, users: CallUser[]): Invitation => ({
  inviteID: 'i1', mode: 'normal', inviter: 't', data: '', timeout: 30, onlineUserOnly: false, enableNotReceivedCheck: false,
  createTime: 0, state: 'active', version, users,
});

describe('createFanout: coalescing bursts per invitation', () => {
  it('sends a new invitation at once and merges the burst after it into one delta per recipient', () => {
    const clock = manualClock();
    const sent: { users: string[]; update: WireUpdate }[] = [];
    const fanout = createFanout(clock, 50, (users, update) => void sent.push({ users, update }));
    const base = [user('s1', 1), user('s2', 1), user('s3', 1)];
    const everyone = ['t', 's1', 's2', 's3'];
    fanout.publish({ invitation: snapshot(1, base), baseVersion: 0, recipients: everyone });
    expect(sent).toHaveLength(1);
    fanout.publish({ invitation: snapshot(2, [user('s1', 2), base[1]!, base[2]!]), baseVersion: 1, recipients: everyone });
    fanout.publish({ invitation: snapshot(3, [user('s1', 2), user('s2', 3), base[2]!]), baseVersion: 2, recipients: everyone });
    fanout.publish({ invitation: snapshot(4, [user('s1', 2), user('s2', 3), user('s3', 4)]), baseVersion: 3, recipients: everyone });
    expect(sent).toHaveLength(1);
    clock.advance(50);
    expect(sent).toHaveLength(2);
    const merged = sent[1]!;
    expect(merged.users.sort()).toEqual(['s1', 's2', 's3', 't']);
    expect(merged.update.baseVersion).toBe(1);
    expect(merged.update.invitation.version).toBe(4);
    expect(merged.update.invitation.users.map((u) => u.userID)).toEqual(['s1', 's2', 's3']);
  });

  it("a burst with another node's change between two of its own goes out whole from the gap on (a delta would skip that change for good)", () => {
    const clock = manualClock();
    const sent: WireUpdate[] = [];
    const fanout = createFanout(clock, 50, (_, update) => void sent.push(update));
    const everyone = ['t', 's1', 's2', 's3'];
    fanout.publish({ invitation: snapshot(1, [user('s1', 1), user('s2', 1), user('s3', 1)]), baseVersion: 0, recipients: everyone });
    // Versions 2 and 4 are this node's; version 3 (s2) was committed by another node, which sends it.
    fanout.publish({ invitation: snapshot(2, [user('s1', 2), user('s2', 1), user('s3', 1)]), baseVersion: 1, recipients: everyone });
    fanout.publish({ invitation: snapshot(4, [user('s1', 2), user('s2', 3), user('s3', 4)]), baseVersion: 3, recipients: everyone });
    clock.advance(50);
    const last = sent.at(-1)!;
    expect(last.baseVersion).toBeUndefined();
    expect(last.invitation.version).toBe(4);
    expect(last.invitation.users.map((u) => [u.userID, u.version])).toEqual([['s1', 2], ['s2', 3], ['s3', 4]]);
  });

  it('holds the first change after a quiet spell for a whole window (a burst is about to follow)', () => {
    const clock = manualClock();
    const sent: WireUpdate[] = [];
    const fanout = createFanout(clock, 50, (_, update) => void sent.push(update));
    fanout.publish({ invitation: snapshot(1, [user('s1', 1)]), baseVersion: 0, recipients: ['t', 's1'] });
    clock.advance(500);
    fanout.publish({ invitation: snapshot(2, [user('s1', 2)]), baseVersion: 1, recipients: ['t', 's1'] });
    clock.advance(49);
    expect(sent).toHaveLength(1);
    clock.advance(1);
    expect(sent.map((u) => [u.baseVersion, u.invitation.version])).toEqual([[0, 1], [1, 2]]);
  });

  it('with a zero window sends every change on its own', () => {
    const clock = manualClock();
    const sent: WireUpdate[] = [];
    const fanout = createFanout(clock, 0, (_, update) => void sent.push(update));
    fanout.publish({ invitation: snapshot(2, [user('s1', 2)]), baseVersion: 1, recipients: ['t'] });
    fanout.publish({ invitation: snapshot(3, [user('s1', 3)]), baseVersion: 2, recipients: ['t'] });
    expect(sent.map((u) => u.invitation.version)).toEqual([2, 3]);
  });
});

describe('createFanout: recipients of merged changes', () => {
  it('never shows a recipient a change it was not a recipient of', () => {
    const clock = manualClock();
    const sent: { users: string[]; update: WireUpdate }[] = [];
    const fanout = createFanout(clock, 50, (users, update) => void sent.push({ users, update }));
    fanout.publish({ invitation: snapshot(2, [user('bob', 2)]), baseVersion: 1, recipients: ['alice', 'bob'] });
    fanout.publish({ invitation: snapshot(3, [user('bob', 3)]), baseVersion: 2, recipients: ['alice', 'bob'] });
    fanout.publish({ invitation: { ...snapshot(4, [user('bob', 3)]), data: 'secret' }, baseVersion: 3, recipients: ['alice'] });
    clock.advance(50);
    const merged = sent;
    expect(merged).toHaveLength(2);
    expect(merged.find((s) => s.users.includes('bob'))!.update.invitation).toMatchObject({ version: 3, data: '' });
    expect(merged.find((s) => s.users.includes('alice'))!.update.invitation).toMatchObject({ version: 4, data: 'secret' });
  });
});

describe('createFanout: adaptive coalescing', () => {
  it('never holds back a small audience, and merges a burst to a class of 200 into one update 20 ms after its first change', () => {
    const clock = manualClock();
    const sent: { users: string[]; update: WireUpdate }[] = [];
    const fanout = createFanout(clock, adaptiveWindow(100), (users, update) => void sent.push({ users, update }));
    fanout.publish({ invitation: snapshot(2, [user('s1', 2)]), baseVersion: 1, recipients: ['t', 's1'] });
    fanout.publish({ invitation: snapshot(3, [user('s1', 3)]), baseVersion: 2, recipients: ['t', 's1'] });
    expect(sent.map((s) => s.update.invitation.version)).toEqual([2, 3]);

    const klass = ['t', ...Array.from({ length: 199 }, (_, i) => `k${i}`)];
    const big = (version: number) => ({ ...snapshot(version, [user('k1', version)]), inviteID: 'i2' });
    fanout.publish({ invitation: big(2), baseVersion: 1, recipients: klass });
    fanout.publish({ invitation: big(3), baseVersion: 2, recipients: klass });
    fanout.publish({ invitation: big(4), baseVersion: 3, recipients: klass });
    expect(sent).toHaveLength(2);
    clock.advance(19);
    expect(sent).toHaveLength(2);
    clock.advance(1);
    expect(sent).toHaveLength(3);
    expect(sent[2]!.update).toMatchObject({ baseVersion: 1, invitation: { version: 4 } });
  });

  it('delivers a group change through the group, naming only the recipients outside it', () => {
    const clock = manualClock();
    const named: string[][] = [];
    const viaGroup: { groupID: string; users: string[] }[] = [];
    const fanout = createFanout(clock, 0, (users) => void named.push(users), (groupID, users) => void viaGroup.push({ groupID, users }));
    fanout.publish({ invitation: snapshot(2, [user('s1', 2)]), baseVersion: 1, recipients: ['left-the-class'], groupID: 'class', recipientCount: 1001 });
    expect(viaGroup).toEqual([{ groupID: 'class', users: ['left-the-class'] }]);
    expect(named).toEqual([]);
  });
});

describe('createFanout: merging while an update is being written', () => {
  it('holds a class’s changes while its previous update is still being written, then sends them as one delta, in order', async () => {
    const clock = manualClock();
    const sent: WireUpdate[] = [];
    const writes: (() => void)[] = [];
    const fanout = createFanout(clock, adaptiveWindow(100), () => undefined, (_, __, update) => {
      sent.push(update);
      return new Promise<void>((resolve) => writes.push(resolve));
    });
    const klass = { recipients: [], groupID: 'class', recipientCount: 1000 };
    const big = (version: number, changed: string[]) => ({ ...snapshot(version, changed.map((id) => user(id, version))), inviteID: 'i3' });
    fanout.publish({ invitation: big(1, ['s1', 's2', 's3']), baseVersion: 0, ...klass });
    expect(sent.map((u) => u.invitation.version)).toEqual([1]); // the ring goes at once
    fanout.publish({ invitation: big(2, ['s1']), baseVersion: 1, ...klass });
    clock.advance(100);
    fanout.publish({ invitation: big(3, ['s2']), baseVersion: 2, ...klass });
    clock.advance(500);
    expect(sent).toHaveLength(1); // the ring is still being written: nothing could reach anyone sooner
    fanout.publish({ invitation: big(4, ['s3']), baseVersion: 3, ...klass });
    writes.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ baseVersion: 1, invitation: { version: 4 } });
    expect(sent[1]!.invitation.users.map((u) => [u.userID, u.version])).toEqual([['s1', 2], ['s2', 3], ['s3', 4]]);
    // Once written, the next change waits its window only.
    writes.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(100);
    fanout.publish({ invitation: big(5, ['s1']), baseVersion: 4, ...klass });
    clock.advance(100);
    expect(sent.map((u) => [u.baseVersion, u.invitation.version])).toEqual([[0, 1], [1, 4], [4, 5]]);
  });

  it('does not hold a small audience behind a write', () => {
    const clock = manualClock();
    const sent: WireUpdate[] = [];
    const fanout = createFanout(clock, adaptiveWindow(100), (_, update) => {
      sent.push(update);
      return new Promise<void>(() => undefined);
    });
    fanout.publish({ invitation: snapshot(2, [user('s1', 2)]), baseVersion: 1, recipients: ['t', 's1'] });
    fanout.publish({ invitation: snapshot(3, [user('s1', 3)]), baseVersion: 2, recipients: ['t', 's1'] });
    expect(sent.map((u) => u.invitation.version)).toEqual([2, 3]);
  });
});

describe('createFanout: receipts wait the longest window', () => {
  it('a class of 200 hears its receipts after 100 ms, not 20; an answer joining them brings the update forward to its own window', () => {
    const clock = manualClock();
    const sent: WireUpdate[] = [];
    const fanout = createFanout(clock, adaptiveWindow(100), () => undefined, (_, __, update) => void sent.push(update), 100);
    const klass = { recipients: [], groupID: 'class', recipientCount: 200 };
    const state = (userID: string, s: CallUser['state'], version: number): CallUser => ({ ...user(userID, version), state: s });
    const inv = (version: number, users: CallUser[]) => ({ ...snapshot(version, users), inviteID: 'i4' });
    fanout.publish({ invitation: inv(1, [state('s1', 'inviting', 1), state('s2', 'inviting', 1)]), baseVersion: 0, ...klass });
    fanout.publish({ invitation: inv(2, [state('s1', 'received', 2), state('s2', 'inviting', 1)]), baseVersion: 1, ...klass });
    clock.advance(99);
    expect(sent).toHaveLength(1);
    clock.advance(1);
    expect(sent.map((u) => u.invitation.version)).toEqual([1, 2]);

    fanout.publish({ invitation: inv(3, [state('s1', 'received', 2), state('s2', 'received', 3)]), baseVersion: 2, ...klass });
    clock.advance(10);
    fanout.publish({ invitation: inv(4, [state('s1', 'accepted', 4), state('s2', 'received', 3)]), baseVersion: 3, ...klass });
    clock.advance(9);
    expect(sent).toHaveLength(2);
    clock.advance(1); // 20 ms after the last update: the answer's window (0.1 ms × 200), not 100 ms
    expect(sent.map((u) => [u.baseVersion, u.invitation.version])).toEqual([[0, 1], [1, 2], [2, 4]]);
    expect(sent[2]!.invitation.users.map((u) => `${u.userID}:${u.state}`)).toEqual(['s2:received', 's1:accepted']);
  });
});
