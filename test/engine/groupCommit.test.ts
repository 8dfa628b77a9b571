import { describe, expect, it, vi } from 'vitest';
import { createMemoryStorage } from '../../src/engine/memory/createMemoryStorage.js';
import type { RingkitStorage } from '../../src/engine/storage.js';
import type { Invitation } from '../../src/protocol/types.js';
import { engineHarness } from '../support/engineHarness.js';

/** The harness on a memory storage that counts commits. */
function countingHarness() {
  const storage = createMemoryStorage();
  const counter = { commits: 0 };
  const counting: RingkitStorage = { ...storage, commit: (change) => (counter.commits++, storage.commit(change)) };
  return { h: engineHarness({ storage: counting }), storage, counter };
}

type Answer = { invitation: Invitation; baseVersion: number };
const outcome = (p: Promise<unknown>) => p.then((r) => ({ ok: true as const, r: r as Answer }), (e: { code: string }) => ({ ok: false as const, code: e.code }));

describe('group commit: answers to one invitation arriving together', () => {
  it('50 students accept at once: fewer commits than answers, each answer its own version, every ack only the caller', async () => {
    const { h, storage, counter } = countingHarness();
    const students = Array.from({ length: 50 }, (_, i) => `s${i}`);
    await h.groups.createGroup('class', ['teacher', ...students]);
    const { inviteID } = await h.run('teacher', 'invitation:inviteInGroup', { groupID: 'class', invitees: students, timeout: 600 });
    const before = (await storage.getInvitation(inviteID))!.version;
    counter.commits = 0;

    const answers = await Promise.all(students.map((id) => outcome(h.run(id, 'invitation:accept', { inviteID, data: `hand ${id}` }))));

    expect(answers.every((a) => a.ok)).toBe(true);
    expect(counter.commits).toBeLessThan(students.length / 5);
    const final = (await storage.getInvitation(inviteID))!;
    expect(final).toMatchObject({ state: 'ended', endReason: 'allAnswered', version: before + students.length });
    expect(new Set(final.users.map((u) => u.version)).size).toBe(students.length);
    answers.forEach((a, i) => {
      if (!a.ok) return;
      expect(a.r.invitation.users.map((u) => u.userID)).toEqual([students[i]]);
      expect(a.r.invitation.users[0]).toMatchObject({ state: 'accepted', data: `hand ${students[i]}`, version: a.r.baseVersion + 1 });
      expect(a.r.invitation.version).toBe(a.r.baseVersion + 1);
    });
    // The last answer ends the invitation, and its acknowledgement says so.
    const last = answers.find((a) => a.ok && a.r.invitation.version === final.version);
    expect(last?.ok && last.r.invitation.state).toBe('ended');
  });

  it('a burst larger than one group commit (250 answers) goes in commits of at most 100, each answer applied once', async () => {
    const storage = createMemoryStorage();
    const sizes: number[] = [];
    let before = 0;
    const counting: RingkitStorage = {
      ...storage,
      commit: (change) => {
        sizes.push(change.invitation.version - (before || change.invitation.version));
        before = change.invitation.version;
        return storage.commit(change);
      },
    };
    const h = engineHarness({ storage: counting });
    const students = Array.from({ length: 250 }, (_, i) => `s${i}`);
    await h.groups.createGroup('class', ['teacher', ...students]);
    const { inviteID } = await h.run('teacher', 'invitation:inviteInGroup', { groupID: 'class', invitees: students, timeout: 600 });
    before = (await storage.getInvitation(inviteID))!.version;
    sizes.length = 0;
    const answers = await Promise.all(students.map((id) => outcome(h.run(id, 'invitation:accept', { inviteID }))));
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(100);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(students.length);
    expect((await storage.getInvitation(inviteID))!).toMatchObject({ state: 'ended', version: before });
  });

  it('a commit of 40 answers hands them back at most 16 per event-loop turn, in order, and publishes its change after the last', async () => {
    const events: string[] = [];
    const h = engineHarness({
      deliver: (userIDs, update) => {
        if (update.invitation.users.some((u) => u.state === 'accepted')) events.push(`update to ${userIDs.length}`);
      },
    });
    const counter = { commits: 0 };
    const students = Array.from({ length: 40 }, (_, i) => `s${i}`);
    await h.groups.createGroup('class', ['teacher', ...students]);
    const { inviteID } = await h.run('teacher', 'invitation:inviteInGroup', { groupID: 'class', invitees: students, timeout: 600 });
    const commit = h.storage.commit.bind(h.storage);
    h.storage.commit = (change) => (counter.commits++, commit(change));
    let turn = 0;
    let ticking = true;
    const tick = () => ticking && (turn++, setImmediate(tick));
    setImmediate(tick);
    const turns: number[] = [];
    await Promise.all(students.map((id, i) => h.run(id, 'invitation:accept', { inviteID }).then(() => ((turns[i] = turn), events.push(`answer ${i}`)))));
    await vi.waitFor(() => expect(events.filter((e) => e.startsWith('update'))).not.toHaveLength(0));
    ticking = false;

    expect(counter.commits).toBe(1);
    const perTurn = new Map<number, number>();
    for (const t of turns) perTurn.set(t, (perTurn.get(t) ?? 0) + 1);
    expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(16);
    expect(perTurn.size).toBeGreaterThanOrEqual(3);
    // In order: answer i is handed back no later than answer i + 1.
    expect(turns).toEqual([...turns].sort((a, b) => a - b));
    expect(events.slice(0, 40)).toEqual(students.map((_, i) => `answer ${i}`));
    expect(events[40]).toMatch(/^update/);
  });

  it('answers read in the next turn of the event loop join the first one\'s commit (a class\'s answers come in several network reads)', async () => {
    const { h, storage, counter } = countingHarness();
    const students = Array.from({ length: 20 }, (_, i) => `s${i}`);
    await h.groups.createGroup('class', ['teacher', ...students]);
    const { inviteID } = await h.run('teacher', 'invitation:inviteInGroup', { groupID: 'class', invitees: students, timeout: 600 });
    counter.commits = 0;

    // The first answer arrives alone; the others in the next turn, as from the next socket reads.
    let rest: Promise<unknown>[] = [];
    setImmediate(() => (rest = students.slice(1).map((id) => outcome(h.run(id, 'invitation:accept', { inviteID })))));
    const first = await outcome(h.run(students[0]!, 'invitation:accept', { inviteID }));
    await Promise.all(rest);

    expect(first.ok).toBe(true);
    expect(counter.commits).toBe(1);
    expect((await storage.getInvitation(inviteID))!.users.every((u) => u.state === 'accepted')).toBe(true);
  });

  it('an answer that fails inside a batch fails alone and leaves no trace; the others commit', async () => {
    const { h, storage } = countingHarness();
    await h.groups.createGroup('class', ['teacher', 's1', 's2', 's3', 'observer']);
    const { inviteID } = await h.run('teacher', 'invitation:inviteInGroup', { groupID: 'class', invitees: ['s1', 's2', 's3'], timeout: 600 });

    const [a1, twice, observer, r3, stranger] = await Promise.all([
      outcome(h.run('s1', 'invitation:accept', { inviteID })),
      outcome(h.run('s1', 'invitation:accept', { inviteID })),
      outcome(h.run('observer', 'invitation:accept', { inviteID })),
      outcome(h.run('s3', 'invitation:reject', { inviteID, data: 'no' })),
      outcome(h.run('stranger', 'invitation:accept', { inviteID })),
    ]);

    expect(a1.ok && r3.ok).toBe(true);
    expect(twice).toEqual({ ok: false, code: 'INVALID_STATE' });
    expect(observer).toEqual({ ok: false, code: 'NO_PERMISSION' });
    expect(stranger).toEqual({ ok: false, code: 'INVITATION_NOT_FOUND' });
    const final = (await storage.getInvitation(inviteID))!;
    expect(final.users.map((u) => [u.userID, u.state])).toEqual([['s1', 'accepted'], ['s2', 'inviting'], ['s3', 'rejected']]);
    expect(final.users.some((u) => u.userID === 'observer')).toBe(false);
    expect(final.state).toBe('active');
  });

  it('the inviter hears a one-to-one accept at once, even right after the ring went out', async () => {
    const h = engineHarness({ coalesceWindowMs: 100 });
    const { inviteID } = await h.run('alice', 'invitation:invite', { invitees: ['bob'] });
    await h.run('bob', 'invitation:accept', { inviteID });
    // The manual clock never moves: an update waiting for a window would never arrive.
    await vi.waitFor(() => {
      const toAlice = h.delivered.filter((d) => d.userID === 'alice').map((d) => d.update.invitation.users.find((u) => u.userID === 'bob')?.state);
      expect(toAlice).toContain('accepted');
    });
  });
});
