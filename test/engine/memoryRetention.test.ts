import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../src/engine/memory/createMemoryStorage.js';
import { engineHarness } from '../support/engineHarness.js';
import { manualClock } from '../support/manualClock.js';

/** Defect 1 of issue 13: the in-memory storage never forgot anything. */
describe('in-memory storage retention', () => {
  /** An engine whose storage keeps at most `maxEndedInvitations` ended invitations for `retentionSeconds`. */
  function harness(retentionSeconds: number, maxEndedInvitations: number) {
    const clock = manualClock();
    const storage = createMemoryStorage({ now: clock.now, retentionSeconds, maxEndedInvitations });
    const h = engineHarness({ clock, storage, limits: { requestsPerSecond: 1e9 } });
    return {
      ...h,
      storage,
      get: async (inviteID: string) => (await storage.getInvitation(inviteID))!,
      advance: async (ms: number) => (clock.advance(ms), h.engine.runDueTimers()),
    };
  }
  const conversation = { conversation: { type: 'c2c' as const, userID: 'bob' }, count: 100 };

  it('keeps at most maxEndedInvitations ended invitations: the oldest go, with their list entries and history', async () => {
    const h = harness(86_400, 3);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { inviteID } = await h.run('alice', 'invitation:invite', { invitees: ['bob'] });
      await h.run('alice', 'invitation:cancel', { inviteID });
      ids.push(inviteID);
    }
    const kept = ids.slice(2);
    expect((await h.storage.getInvitations(ids)).map((inv) => inv?.inviteID)).toEqual([undefined, undefined, ...kept]);
    const listed = await h.run('bob', 'invitation:query', { count: 100, nextFlag: 0 });
    expect(listed.invitations.map((inv) => inv.inviteID)).toEqual([...kept].reverse());
    const { messages } = await h.run('alice', 'history:get', conversation);
    expect(new Set(messages.map((m) => m.signaling.inviteID))).toEqual(new Set(kept));
    // A forgotten invitation is simply unknown.
    await expect(h.run('bob', 'invitation:accept', { inviteID: ids[0]! })).rejects.toMatchObject({ code: 'INVITATION_NOT_FOUND' });
  });

  it('forgets ended invitations after retentionSeconds, never an active one, and drops expired requestID outcomes', async () => {
    const h = harness(60, 10_000);
    const { inviteID: endedID } = await h.run('alice', 'invitation:invite', { invitees: ['bob'], requestID: 'r-1' });
    await h.run('alice', 'invitation:cancel', { inviteID: endedID });
    const { inviteID: ringing } = await h.run('carol', 'invitation:invite', { invitees: ['dave'], timeout: 0 });
    await h.advance(6 * 60_000); // past the retention and the requestID ttl (5 min)
    await h.run('erin', 'invitation:invite', { invitees: ['frank'] }); // any commit prunes
    expect(await h.storage.getInvitation(endedID)).toBeUndefined();
    expect((await h.get(ringing)).state).toBe('active');
    expect(await h.storage.getRequestOutcome('alice\u0000r-1')).toBeUndefined();
    expect((await h.run('bob', 'invitation:query', { count: 10, nextFlag: 0 })).invitations).toEqual([]);
    expect((await h.run('alice', 'history:get', conversation)).messages).toEqual([]);
  });

  it('keeps at most maxRequestOutcomes requestID outcomes: the oldest go first', async () => {
    const storage = createMemoryStorage({ maxRequestOutcomes: 3 });
    for (const key of ['a', 'b', 'c', 'd']) await storage.putRequestOutcome(key, `outcome ${key}`, 300_000);
    expect(await Promise.all(['a', 'b', 'c', 'd'].map((k) => storage.getRequestOutcome(k)))).toEqual([undefined, 'outcome b', 'outcome c', 'outcome d']);
  });

  it('keeps an outcome stored again after its first expired when the expired one leaves the queue', async () => {
    const clock = manualClock();
    const storage = createMemoryStorage({ now: clock.now, maxRequestOutcomes: 3 });
    await storage.putRequestOutcome('a', 'first', 1_000);
    clock.advance(2_000);
    expect(await storage.putRequestOutcome('a', 'again', 300_000)).toBe(true);
    // The expired 'first' is the oldest queued: dropping it must not forget 'again'.
    await storage.putRequestOutcome('b', 'outcome b', 300_000);
    expect(await storage.getRequestOutcome('a')).toBe('again');
    // Beyond the count, 'again' is the oldest current outcome and goes first.
    for (const key of ['c', 'd']) await storage.putRequestOutcome(key, `outcome ${key}`, 300_000);
    expect(await Promise.all(['a', 'b', 'c', 'd'].map((k) => storage.getRequestOutcome(k)))).toEqual([undefined, 'outcome b', 'outcome c', 'outcome d']);
  });

  it('pages a long list and a long conversation while their oldest calls are forgotten', async () => {
    const h = harness(86_400, 150);
    const ids: string[] = [];
    for (let i = 0; i < 400; i++) {
      const { inviteID } = await h.run('alice', 'invitation:invite', { invitees: ['bob'] });
      await h.run('alice', 'invitation:cancel', { inviteID });
      ids.push(inviteID);
    }
    const kept = ids.slice(-150).reverse();
    const listed: string[] = [];
    for (let nextFlag = 0, pages = 0; pages === 0 || nextFlag !== 0; pages++) {
      const page = await h.run('bob', 'invitation:query', { count: 40, nextFlag });
      listed.push(...page.invitations.map((inv) => inv.inviteID));
      nextFlag = page.nextFlag;
    }
    expect(listed).toEqual(kept);
    const messages: string[] = [];
    for (let cursor = 0, pages = 0; pages === 0 || cursor !== 0; pages++) {
      const page = await h.run('alice', 'history:get', { conversation: { type: 'c2c', userID: 'bob' }, count: 45, cursor });
      messages.push(...page.messages.map((m) => `${m.signaling.actionType}:${m.signaling.inviteID}`));
      cursor = page.cursor;
    }
    expect(messages).toEqual(kept.flatMap((id) => [`cancel:${id}`, `invite:${id}`]));
  });

  it('stays bounded under churn: 2,000 invite+cancel leave the last 100 and nothing else', async () => {
    const h = harness(86_400, 100);
    let last = '';
    for (let i = 0; i < 2000; i++) {
      const caller = `u${i % 50}`;
      const { inviteID } = await h.run(caller, 'invitation:invite', { invitees: [`v${i % 37}`], data: 'x'.repeat(200) });
      await h.run(caller, 'invitation:cancel', { inviteID });
      last = inviteID;
    }
    let listed = 0;
    for (let u = 0; u < 50; u++) listed += (await h.storage.listUserInvitations(`u${u}`, 1000, 0)).inviteIDs.length;
    expect(listed).toBe(100);
    expect(await h.storage.getInvitation(last)).toBeDefined();
  });
});
