import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallUser, Invitation, SignalingInfo } from '../../src/protocol/types.js';
import type { HistoryDraft, InvitationCommit, RingkitStorage } from '../../src/engine/storage.js';
import { invitationFixture } from '../support/invitationFixture.js';

/** What a storage factory hands the contract suite. */
export interface StorageFixture {
  storage: RingkitStorage;
  cleanup: () => Promise<void>;
  /**
   * Opens a second node on the same data (a shared backend only). Enables the cross-node cases.
   * Peers are closed by `cleanup`.
   */
  openPeer?: () => Promise<RingkitStorage>;
}

const T0 = 1_700_000_000_000;

function user(userID: string, state: CallUser['state'] = 'inviting'): CallUser {
  return { userID, state, data: '', updateTime: T0, timeout: 30, version: 1 };
}

function invitation(inviteID: string, fields: Partial<Invitation> & { invitees?: string[] } = {}): Invitation {
  const { invitees = ['bob'], ...rest } = fields;
  return invitationFixture({ inviteID, createTime: T0, users: invitees.map((id) => user(id)), ...rest });
}

function signaling(inviteID: string, actionType: SignalingInfo['actionType'] = 'invite'): SignalingInfo {
  return { inviteID, inviter: 'alice', inviteeList: ['bob'], data: '', timeout: 30, actionType };
}

function draft(key: string, inviteID: string, time = T0, actionType: SignalingInfo['actionType'] = 'invite'): HistoryDraft {
  return { key, sender: 'alice', time, signaling: signaling(inviteID, actionType) };
}

function commitOf(inv: Invitation, fields: Partial<InvitationCommit> = {}): InvitationCommit {
  return {
    invitation: inv,
    expectedVersion: inv.version - 1,
    indexUsers: [],
    missedUsers: [],
    history: [],
    nextTickAt: null,
    ...fields,
  };
}

/** Creates `inv` as version 1 with the usual indexes (inviter and invitees). */
async function create(storage: RingkitStorage, inv: Invitation, fields: Partial<InvitationCommit> = {}) {
  const indexUsers = [inv.inviter, ...inv.users.map((u) => u.userID)];
  expect(await storage.commit(commitOf(inv, { indexUsers, ...fields }))).toBe(true);
}

/** Every inviteID of a user, following `next` page by page. */
async function allPages(storage: RingkitStorage, userID: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  let before = 0;
  do {
    const page = await storage.listUserInvitations(userID, count, before);
    ids.push(...page.inviteIDs);
    before = page.next;
  } while (before !== 0);
  return ids;
}

/**
 * The storage contract of `src/engine/storage.ts`, run against any implementation.
 * @example describeStorageContract('memory', async () => ({ storage: createMemoryStorage(), cleanup: async () => {} }))
 */
export function describeStorageContract(name: string, makeStorage: () => Promise<StorageFixture>): void {
  describe(`storage contract: ${name}`, () => {
    let fixture: StorageFixture;
    let storage: RingkitStorage;
    beforeEach(async () => {
      fixture = await makeStorage();
      storage = fixture.storage;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    describe('commit and reads', () => {
      it('stores a new invitation that readers cannot change (copies or frozen objects)', async () => {
        const inv = invitation('i1', { data: 'hello', groupID: undefined });
        await create(storage, inv);
        expect(await storage.getInvitation('i1')).toEqual(inv);
        const read = (await storage.getInvitation('i1'))!;
        try {
          read.users[0]!.state = 'accepted';
        } catch {
          // a frozen snapshot refuses the write, which is as good as a copy
        }
        expect((await storage.getInvitation('i1'))!.users[0]!.state).toBe('inviting');
        expect(await storage.getInvitation('nope')).toBeUndefined();
      });

      it('returns getInvitations in the order asked, undefined for unknown IDs', async () => {
        await create(storage, invitation('i1'));
        await create(storage, invitation('i2', { data: 'two' }));
        const found = await storage.getInvitations(['i2', 'nope', 'i1']);
        expect(found.map((inv) => inv?.inviteID)).toEqual(['i2', undefined, 'i1']);
        expect(await storage.getInvitations([])).toEqual([]);
      });

      it('refuses a second create with expectedVersion 0', async () => {
        await create(storage, invitation('i1', { data: 'first' }));
        const again = commitOf(invitation('i1', { data: 'second' }), { indexUsers: ['zed'] });
        expect(await storage.commit(again)).toBe(false);
        expect((await storage.getInvitation('i1'))!.data).toBe('first');
        expect((await storage.listUserInvitations('zed', 10, 0)).inviteIDs).toEqual([]);
      });

      it('refuses a non-zero expectedVersion for an unknown invitation', async () => {
        expect(await storage.commit(commitOf(invitation('i1', { version: 3 }), { expectedVersion: 2 }))).toBe(false);
        expect(await storage.getInvitation('i1')).toBeUndefined();
        expect(await storage.activeInvitationsOfUser('alice')).toEqual([]);
      });

      it('applies a commit on the current version', async () => {
        await create(storage, invitation('i1'));
        const v2 = invitation('i1', { version: 2, data: 'changed' });
        expect(await storage.commit(commitOf(v2, { expectedVersion: 1 }))).toBe(true);
        expect(await storage.getInvitation('i1')).toEqual(v2);
      });

      it('changes nothing at all on a stale version', async () => {
        await create(storage, invitation('i1', { groupID: 'g1' }), { nextTickAt: T0 + 30_000, history: [draft('group:g1', 'i1')] });
        await storage.commit(commitOf(invitation('i1', { version: 2, groupID: 'g1' }), { expectedVersion: 1, nextTickAt: T0 + 30_000 }));
        const before = await snapshot(storage);

        const stale = invitation('i1', { version: 3, groupID: 'g1', state: 'ended', endReason: 'cancelled', invitees: ['bob', 'carol'] });
        const ok = await storage.commit({
          invitation: stale,
          expectedVersion: 1,
          indexUsers: ['carol', 'dave'],
          missedUsers: ['bob'],
          history: [draft('group:g1', 'i1', T0 + 1, 'cancel')],
          nextTickAt: null,
        });
        expect(ok).toBe(false);
        expect(await snapshot(storage)).toEqual(before);
      });

      it('lets exactly one of 20 concurrent commits on the same version win', async () => {
        await create(storage, invitation('i1'));
        const attempts = Array.from({ length: 20 }, (_, n) =>
          commitOf(invitation('i1', { version: 2, data: `attempt-${n}` }), {
            expectedVersion: 1,
            history: [draft('c2c:alice|bob', 'i1', T0 + n, 'modify')],
          }),
        );
        const results = await Promise.all(attempts.map((c) => storage.commit(c)));
        expect(results.filter(Boolean)).toHaveLength(1);
        const winner = results.indexOf(true);
        expect((await storage.getInvitation('i1'))!.data).toBe(`attempt-${winner}`);
        expect((await storage.getHistory('c2c:alice|bob', 100, 0)).entries).toHaveLength(1);
      });

      it('lets exactly one of 20 concurrent creates win', async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, n) => storage.commit(commitOf(invitation('i1', { data: `create-${n}` }), { indexUsers: ['alice'] }))),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect((await storage.listUserInvitations('alice', 100, 0)).inviteIDs).toEqual(['i1']);
      });
    });

    describe('user invitation lists', () => {
      it('indexes each user once however often indexUsers names them', async () => {
        await create(storage, invitation('i1'));
        await storage.commit(commitOf(invitation('i1', { version: 2 }), { expectedVersion: 1, indexUsers: ['alice', 'bob', 'bob'] }));
        expect((await storage.listUserInvitations('alice', 10, 0)).inviteIDs).toEqual(['i1']);
        expect((await storage.listUserInvitations('bob', 10, 0)).inviteIDs).toEqual(['i1']);
      });

      it('pages newest first and ends with next 0', async () => {
        for (let n = 1; n <= 5; n++) await create(storage, invitation(`i${n}`));
        const first = await storage.listUserInvitations('bob', 2, 0);
        expect(first.inviteIDs).toEqual(['i5', 'i4']);
        expect(first.next).not.toBe(0);
        const second = await storage.listUserInvitations('bob', 2, first.next);
        expect(second.inviteIDs).toEqual(['i3', 'i2']);
        const third = await storage.listUserInvitations('bob', 2, second.next);
        expect(third).toEqual({ inviteIDs: ['i1'], next: 0 });
        expect(await storage.listUserInvitations('bob', 5, 0)).toEqual({ inviteIDs: ['i5', 'i4', 'i3', 'i2', 'i1'], next: 0 });
        expect(await storage.listUserInvitations('nobody', 5, 0)).toEqual({ inviteIDs: [], next: 0 });
      });

      it('keeps next stable while invitations are added between pages', async () => {
        for (let n = 1; n <= 5; n++) await create(storage, invitation(`old${n}`));
        const first = await storage.listUserInvitations('bob', 2, 0);
        for (let n = 1; n <= 3; n++) await create(storage, invitation(`new${n}`));
        const rest = [first.inviteIDs];
        let before = first.next;
        while (before !== 0) {
          const page = await storage.listUserInvitations('bob', 2, before);
          rest.push(page.inviteIDs);
          before = page.next;
          if (before !== 0) await create(storage, invitation(`new-${before}`));
        }
        expect(rest.flat()).toEqual(['old5', 'old4', 'old3', 'old2', 'old1']);
      });

      it('keeps a user’s original position when a later commit indexes them again', async () => {
        await create(storage, invitation('i1'));
        await create(storage, invitation('i2'));
        await storage.commit(commitOf(invitation('i1', { version: 2 }), { expectedVersion: 1, indexUsers: ['bob', 'carol'] }));
        expect(await allPages(storage, 'bob', 1)).toEqual(['i2', 'i1']);
        expect(await allPages(storage, 'carol', 1)).toEqual(['i1']);
      });
    });

    describe('active indexes', () => {
      it('lists an active invitation under its inviter, every listed user and its group', async () => {
        await create(storage, invitation('i1', { groupID: 'g1', invitees: ['bob', 'carol'] }));
        await create(storage, invitation('i2', { inviter: 'dave', invitees: ['bob'] }));
        expect(sorted(await storage.activeInvitationsOfUser('alice'))).toEqual(['i1']);
        expect(sorted(await storage.activeInvitationsOfUser('bob'))).toEqual(['i1', 'i2']);
        expect(sorted(await storage.activeInvitationsOfUser('carol'))).toEqual(['i1']);
        expect(sorted(await storage.activeInvitationsOfGroup('g1'))).toEqual(['i1']);
        expect(await storage.activeInvitationsOfGroup('g2')).toEqual([]);
      });

      it('adds users listed later and removes the invitation from every set once ended', async () => {
        await create(storage, invitation('i1', { groupID: 'g1', mode: 'advanced' }));
        const v2 = invitation('i1', { version: 2, groupID: 'g1', mode: 'advanced', invitees: ['bob', 'erin'] });
        await storage.commit(commitOf(v2, { expectedVersion: 1 }));
        expect(await storage.activeInvitationsOfUser('erin')).toEqual(['i1']);
        const ended = { ...v2, version: 3, state: 'ended' as const, endReason: 'ended' as const, endTime: T0 + 5 };
        await storage.commit(commitOf(ended, { expectedVersion: 2 }));
        for (const id of ['alice', 'bob', 'erin']) expect(await storage.activeInvitationsOfUser(id)).toEqual([]);
        expect(await storage.activeInvitationsOfGroup('g1')).toEqual([]);
        expect((await storage.getInvitation('i1'))!.state).toBe('ended');
      });
    });

    describe('missed invitations', () => {
      it('keeps the missed set until its entries are cleared', async () => {
        await create(storage, invitation('i1'), { missedUsers: ['bob'] });
        await create(storage, invitation('i2'), { missedUsers: ['bob', 'carol'] });
        await storage.commit(commitOf(invitation('i2', { version: 2 }), { expectedVersion: 1, missedUsers: ['bob'] }));
        expect(sorted(await storage.missedOf('bob'))).toEqual(['i1', 'i2']);
        expect(sorted(await storage.missedOf('bob'))).toEqual(['i1', 'i2']);
        await storage.clearMissed('bob', ['i1', 'unknown']);
        expect(await storage.missedOf('bob')).toEqual(['i2']);
        await storage.clearMissed('bob', ['i2']);
        await storage.clearMissed('nobody', ['i2']);
        expect(await storage.missedOf('bob')).toEqual([]);
        expect(await storage.missedOf('carol')).toEqual(['i2']);
        expect(await storage.missedOf('nobody')).toEqual([]);
      });
    });

    describe('history', () => {
      it('pages a conversation newest first with growing seq', async () => {
        const key = 'c2c:alice|bob';
        for (let n = 1; n <= 5; n++) {
          await create(storage, invitation(`i${n}`), { history: [draft(key, `i${n}`, T0 + n)] });
        }
        await create(storage, invitation('g'), { history: [draft('group:g1', 'g')] });
        const first = await storage.getHistory(key, 2, 0);
        expect(first.entries.map((e) => e.signaling.inviteID)).toEqual(['i5', 'i4']);
        expect(first.entries[0]!.seq).toBeGreaterThan(first.entries[1]!.seq);
        expect(first.entries[0]).toEqual({ ...draft(key, 'i5', T0 + 5), seq: first.entries[0]!.seq });
        const second = await storage.getHistory(key, 2, first.next);
        expect(second.entries.map((e) => e.signaling.inviteID)).toEqual(['i3', 'i2']);
        const third = await storage.getHistory(key, 2, second.next);
        expect(third.entries.map((e) => e.signaling.inviteID)).toEqual(['i1']);
        expect(third.next).toBe(0);
        expect((await storage.getHistory('group:g1', 10, 0)).entries.map((e) => e.signaling.inviteID)).toEqual(['g']);
        expect(await storage.getHistory('c2c:x|y', 10, 0)).toEqual({ entries: [], next: 0 });
      });

      it('appends several drafts of one commit in order', async () => {
        await create(storage, invitation('i1', { invitees: ['bob', 'carol'] }), {
          history: [draft('c2c:alice|bob', 'i1'), draft('c2c:alice|carol', 'i1'), draft('c2c:alice|bob', 'i1', T0, 'cancel')],
        });
        const bob = await storage.getHistory('c2c:alice|bob', 10, 0);
        expect(bob.entries.map((e) => e.signaling.actionType)).toEqual(['cancel', 'invite']);
        expect((await storage.getHistory('c2c:alice|carol', 10, 0)).entries).toHaveLength(1);
      });
    });

    describe('timers', () => {
      it('sets the invitation tick on commit and clears it with null', async () => {
        await create(storage, invitation('i1'), { nextTickAt: T0 + 30_000 });
        expect(await storage.nextTimerAt()).toBe(T0 + 30_000);
        expect(await storage.claimDueTimers(T0 + 30_000, 1000, 10)).toEqual(['tick:i1']);
        await storage.commit(commitOf(invitation('i1', { version: 2 }), { expectedVersion: 1, nextTickAt: null }));
        expect(await storage.nextTimerAt()).toBeNull();
      });

      it('sets, moves and clears named timers', async () => {
        expect(await storage.nextTimerAt()).toBeNull();
        await storage.setTimer('a', T0 + 500);
        await storage.setTimer('b', T0 + 200);
        expect(await storage.nextTimerAt()).toBe(T0 + 200);
        await storage.setTimer('b', T0 + 900);
        expect(await storage.nextTimerAt()).toBe(T0 + 500);
        await storage.clearTimer('a');
        await storage.clearTimer('missing');
        expect(await storage.nextTimerAt()).toBe(T0 + 900);
      });

      it('claims only due timers, earliest first, up to the limit, and leases them', async () => {
        await storage.setTimer('late', T0 + 10_000);
        await storage.setTimer('second', T0 + 200);
        await storage.setTimer('first', T0 + 100);
        await storage.setTimer('third', T0 + 300);
        expect(await storage.claimDueTimers(T0 + 50, 1000, 10)).toEqual([]);
        expect(await storage.claimDueTimers(T0 + 300, 1000, 2)).toEqual(['first', 'second']);
        expect(await storage.claimDueTimers(T0 + 300, 1000, 10)).toEqual(['third']);
        expect(await storage.claimDueTimers(T0 + 1299, 1000, 10)).toEqual([]);
        expect(await storage.nextTimerAt()).toBe(T0 + 1300);
        expect(sorted(await storage.claimDueTimers(T0 + 1300, 1000, 10))).toEqual(['first', 'second', 'third']);
      });

      it('never hands the same due timer to two concurrent claimers', async () => {
        for (let n = 0; n < 50; n++) await storage.setTimer(`t${n}`, T0 + n);
        const claims = await Promise.all(Array.from({ length: 6 }, () => storage.claimDueTimers(T0 + 100, 60_000, 20)));
        const all = claims.flat();
        expect(new Set(all).size).toBe(all.length);
        expect(all).toHaveLength(50);
      });
    });

    describe('request outcomes', () => {
      it('keeps the first outcome', async () => {
        expect(await storage.getRequestOutcome('alice:r1')).toBeUndefined();
        expect(await storage.putRequestOutcome('alice:r1', 'first', 60_000)).toBe(true);
        expect(await storage.putRequestOutcome('alice:r1', 'second', 60_000)).toBe(false);
        expect(await storage.getRequestOutcome('alice:r1')).toBe('first');
        const racing = await Promise.all(Array.from({ length: 10 }, (_, n) => storage.putRequestOutcome('alice:r2', `o${n}`, 60_000)));
        expect(racing.filter(Boolean)).toHaveLength(1);
        expect(await storage.getRequestOutcome('alice:r2')).toBe(`o${racing.indexOf(true)}`);
      });

      it('stores the outcome a commit carries with the commit, and none when the commit loses', async () => {
        await create(storage, invitation('i1'), { requestOutcomes: [{ key: 'alice:r1', outcome: 'created', ttlMs: 60_000 }] });
        expect(await storage.getRequestOutcome('alice:r1')).toBe('created');
        const lost = commitOf(invitation('i1', { version: 2 }), { expectedVersion: 0, requestOutcomes: [{ key: 'bob:r1', outcome: 'x', ttlMs: 60_000 }] });
        expect(await storage.commit(lost)).toBe(false);
        expect(await storage.getRequestOutcome('bob:r1')).toBeUndefined();
        const second = commitOf(invitation('i1', { version: 2 }), { requestOutcomes: [{ key: 'alice:r1', outcome: 'again', ttlMs: 60_000 }] });
        expect(await storage.commit(second)).toBe(true);
        expect(await storage.getRequestOutcome('alice:r1')).toBe('created');
      });

      it('forgets an outcome after its ttl', async () => {
        expect(await storage.putRequestOutcome('alice:r1', 'first', 30)).toBe(true);
        await vi.waitFor(async () => expect(await storage.getRequestOutcome('alice:r1')).toBeUndefined(), { timeout: 2000, interval: 20 });
        expect(await storage.putRequestOutcome('alice:r1', 'again', 60_000)).toBe(true);
        expect(await storage.getRequestOutcome('alice:r1')).toBe('again');
      });
    });

    describe('devices', () => {
      it('counts devices per user', async () => {
        expect(await storage.deviceCount('bob')).toBe(0);
        expect(await storage.addDevice('bob', 'c1')).toBe(1);
        expect(await storage.addDevice('bob', 'c2')).toBe(2);
        expect(await storage.addDevice('bob', 'c2')).toBe(2);
        expect(await storage.addDevice('carol', 'c3')).toBe(1);
        expect(await storage.deviceCount('bob')).toBe(2);
        expect(await storage.removeDevice('bob', 'c1')).toBe(1);
        expect(await storage.removeDevice('bob', 'unknown')).toBe(1);
        expect(await storage.removeDevice('bob', 'c2')).toBe(0);
        expect(await storage.removeDevice('nobody', 'c9')).toBe(0);
        expect(await storage.deviceCount('bob')).toBe(0);
      });

      it('lists the keys of a user\'s connected devices', async () => {
        expect(await storage.liveConnections('bob')).toEqual([]);
        await storage.addDevice('bob', 'phone\u0000c1');
        await storage.addDevice('bob', 'laptop\u0000c2');
        await storage.addDevice('carol', 'phone\u0000c3');
        expect((await storage.liveConnections('bob')).sort()).toEqual(['laptop\u0000c2', 'phone\u0000c1']);
        await storage.removeDevice('bob', 'phone\u0000c1');
        expect(await storage.liveConnections('bob')).toEqual(['laptop\u0000c2']);
      });

      it('tells who is online among a list', async () => {
        await storage.addDevice('bob', 'c1');
        await storage.addDevice('carol', 'c2');
        await storage.removeDevice('carol', 'c2');
        expect(await storage.onlineAmong(['bob', 'carol', 'dave'])).toEqual(new Set(['bob']));
        expect(await storage.onlineAmong([])).toEqual(new Set());
      });

      it('keeps a busy mark per connected device, gone with the device', async () => {
        await storage.setDeviceBusy('bob', 'c1', true);
        expect(await storage.isMarkedBusy('bob')).toBe(false); // not a registered device
        await storage.addDevice('bob', 'c1');
        await storage.addDevice('bob', 'c2');
        await storage.setDeviceBusy('bob', 'c1', true);
        expect(await storage.isMarkedBusy('bob')).toBe(true);
        expect(await storage.isMarkedBusy('carol')).toBe(false);
        await storage.setDeviceBusy('bob', 'c2', false);
        expect(await storage.isMarkedBusy('bob')).toBe(true);
        await storage.removeDevice('bob', 'c1');
        expect(await storage.isMarkedBusy('bob')).toBe(false);
        await storage.addDevice('bob', 'c1');
        expect(await storage.isMarkedBusy('bob')).toBe(false);
        await storage.setDeviceBusy('bob', 'c2', true);
        await storage.setDeviceBusy('bob', 'c2', false);
        expect(await storage.isMarkedBusy('bob')).toBe(false);
      });
    });

    describe('web push subscriptions and markers', () => {
      const sub = (n: number) => ({ endpoint: `https://push.example/${n}`, keys: { p256dh: `p${n}`, auth: `a${n}` } });
      const endpoints = async (userID: string) => (await storage.pushSubscriptionsOf!(userID)).map((e) => e.subscription.endpoint).sort();

      it('keeps several subscriptions per user, one per device and per endpoint, while the devices are away', async () => {
        await storage.putPushSubscription!('bob', { deviceID: 'laptop', subscription: sub(1), updatedAt: T0 }, 10);
        await storage.putPushSubscription!('bob', { deviceID: 'phone', subscription: sub(2), updatedAt: T0 + 1 }, 10);
        await storage.putPushSubscription!('carol', { deviceID: 'laptop', subscription: sub(3), updatedAt: T0 }, 10);
        expect(await endpoints('bob')).toEqual(['https://push.example/1', 'https://push.example/2']);
        // The same device subscribing again replaces its own; another device taking an endpoint takes it over.
        await storage.putPushSubscription!('bob', { deviceID: 'laptop', subscription: sub(4), updatedAt: T0 + 2 }, 10);
        await storage.putPushSubscription!('bob', { deviceID: 'tablet', subscription: sub(2), updatedAt: T0 + 3 }, 10);
        const stored = await storage.pushSubscriptionsOf!('bob');
        expect(stored.map((e) => [e.deviceID, e.subscription.endpoint]).sort()).toEqual([
          ['laptop', 'https://push.example/4'],
          ['tablet', 'https://push.example/2'],
        ]);
        expect(stored.find((e) => e.deviceID === 'laptop')).toEqual({ deviceID: 'laptop', subscription: sub(4), updatedAt: T0 + 2 });
        expect(await endpoints('carol')).toEqual(['https://push.example/3']);
        expect(await storage.pushSubscriptionsOf!('nobody')).toEqual([]);
      });

      it('forgets the least recently stored beyond the cap, and removes by device or endpoint', async () => {
        for (let n = 1; n <= 4; n++) await storage.putPushSubscription!('bob', { deviceID: `d${n}`, subscription: sub(n), updatedAt: T0 + n }, 3);
        expect(await endpoints('bob')).toEqual(['https://push.example/2', 'https://push.example/3', 'https://push.example/4']);
        expect(await storage.removePushSubscriptions!('bob', { deviceID: 'd3' })).toBe(1);
        expect(await storage.removePushSubscriptions!('bob', { endpoint: 'https://push.example/4' })).toBe(1);
        expect(await storage.removePushSubscriptions!('bob', { endpoint: 'https://push.example/4' })).toBe(0);
        expect(await storage.removePushSubscriptions!('carol', { deviceID: 'd2' })).toBe(0);
        expect(await endpoints('bob')).toEqual(['https://push.example/2']);
      });

      it('sets a marker once, lets one caller take it, and forgets it after its ttl', async () => {
        expect(await storage.takeMark!('m1')).toBe(false);
        const racing = await Promise.all(Array.from({ length: 10 }, () => storage.markOnce!('m1', 60_000)));
        expect(racing.filter(Boolean)).toHaveLength(1);
        const taken = await Promise.all(Array.from({ length: 5 }, () => storage.takeMark!('m1')));
        expect(taken.filter(Boolean)).toHaveLength(1);
        expect(await storage.markOnce!('m1', 60_000)).toBe(true);
        expect(await storage.markOnce!('m2', 30)).toBe(true);
        await vi.waitFor(async () => expect(await storage.markOnce!('m2', 60_000)).toBe(true), { timeout: 2000, interval: 20 });
      });
    });

    describe('across nodes', () => {
      const peer = async () => {
        if (!fixture.openPeer) return undefined;
        return fixture.openPeer();
      };

      it('sees one node’s commits, devices and timers from another', async (ctx) => {
        const other = await peer();
        if (!other) return ctx.skip();
        await create(storage, invitation('i1'), { nextTickAt: T0 });
        expect((await other.getInvitation('i1'))!.inviteID).toBe('i1');
        expect(await other.commit(commitOf(invitation('i1', { version: 2 }), { expectedVersion: 1 }))).toBe(true);
        expect(await storage.commit(commitOf(invitation('i1', { version: 2 }), { expectedVersion: 1 }))).toBe(false);
        await storage.addDevice('bob', 'a1');
        expect(await other.addDevice('bob', 'b1')).toBe(2);
        expect(await other.onlineAmong(['bob'])).toEqual(new Set(['bob']));
      });

      it('lets one node win concurrent commits and split due timers across nodes', async (ctx) => {
        const other = await peer();
        if (!other) return ctx.skip();
        await create(storage, invitation('i1'));
        const nodes = [storage, other];
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, n) => nodes[n % 2]!.commit(commitOf(invitation('i1', { version: 2, data: `${n}` }), { expectedVersion: 1 }))),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        for (let n = 0; n < 40; n++) await storage.setTimer(`t${n}`, T0 + n);
        const claims = await Promise.all(Array.from({ length: 6 }, (_, n) => nodes[n % 2]!.claimDueTimers(T0 + 100, 60_000, 10)));
        const all = claims.flat();
        expect(new Set(all).size).toBe(40);
        expect(all).toHaveLength(40);
      });
    });
  });
}

function sorted(values: string[]): string[] {
  return [...values].sort();
}

/** Everything a stale commit in the test above could have touched. */
async function snapshot(storage: RingkitStorage) {
  const users = ['alice', 'bob', 'carol', 'dave'];
  return {
    invitation: await storage.getInvitation('i1'),
    lists: await Promise.all(users.map((u) => storage.listUserInvitations(u, 10, 0))),
    active: await Promise.all(users.map(async (u) => sorted(await storage.activeInvitationsOfUser(u)))),
    group: await storage.activeInvitationsOfGroup('g1'),
    history: await storage.getHistory('group:g1', 10, 0),
    nextTimer: await storage.nextTimerAt(),
    // the stale commit named only bob.
    missed: await storage.missedOf('bob'),
  };
}
