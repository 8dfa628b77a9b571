import { describe, expect, it } from 'vitest';
import type { RingkitError } from '../../src/index.js';
import { createMemoryStorage } from '../../src/server/index.js';
import { connectClient, startServer, until, type TestClient } from '../support/harness.js';

const codeOf = async (p: Promise<unknown>) => (await p.then(() => 'resolved', (e: RingkitError) => e.code)) as string;

const STUDENTS = Array.from({ length: 30 }, (_, i) => `student-${String(i + 1).padStart(2, '0')}`);
const OBSERVERS = ['observer-1', 'observer-2'];

describe('classroom: the teacher asks 30 students to raise a hand', () => {
  it('students ring, observers watch, 10 accept, the teacher cancels the rest, and every mirror ends equal to the server', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    await server.groups.createGroup('class', ['teacher', ...STUDENTS, ...OBSERVERS]);

    const teacher = await connectClient(server, 'teacher');
    const students = await Promise.all(STUDENTS.map((id) => connectClient(server, id)));
    const observers = await Promise.all(OBSERVERS.map((id) => connectClient(server, id)));
    const stranger = await connectClient(server, 'stranger');

    // 30 invitees is over maxInvitees (9) but fine for a group (maxGroupInvitees 1000).
    const { inviteID, errorInvitees, invitation } = await teacher.inviteInGroup('class', STUDENTS, { data: 'raise your hand', timeout: 60 });
    expect(errorInvitees).toEqual([]);
    expect(invitation).toMatchObject({ groupID: 'class', inviter: 'teacher', state: 'active' });
    expect(invitation.users.map((u) => u.userID).sort()).toEqual([...STUDENTS].sort());

    // Every student rings, with the group named.
    for (const s of students) {
      const ring = await s.next('invitationReceived', (e) => e.inviteID === inviteID);
      expect(ring).toMatchObject({ inviter: 'teacher', groupID: 'class', data: 'raise your hand' });
      expect(ring.inviteeList).toHaveLength(30);
    }
    // Observers are members but not invited: they see the invitation, they do not ring.
    for (const o of observers) {
      const update = await o.next('invitationUpdated', (e) => e.inviteID === inviteID);
      expect(update.invitation.groupID).toBe('class');
    }

    // 10 students raise a hand.
    const raising = students.slice(0, 10);
    await Promise.all(raising.map((s, i) => s.accept(inviteID, { data: `hand ${i + 1}` })));

    // Observers see who raised a hand (in one or several callUserStateChanged).
    for (const o of observers) {
      await until(
        () => {
          const accepted = new Set(o.seen('callUserStateChanged').flatMap((e) => e.callUserList.filter((u) => u.state === 'accepted').map((u) => u.userID)));
          return raising.every((s) => accepted.has(s.userID));
        },
        5000,
        `${o.userID} sees the 10 raised hands`,
      );
    }
    // The teacher hears each hand exactly once, with its data.
    await until(() => teacher.seen('inviteeAccepted').filter((e) => e.inviteID === inviteID).length >= 10, 5000, 'teacher hears 10 hands');
    const hands = teacher.seen('inviteeAccepted').filter((e) => e.inviteID === inviteID);
    expect(hands.map((e) => e.invitee).sort()).toEqual(raising.map((s) => s.userID).sort());
    expect(new Set(hands.map((e) => e.data)).size).toBe(10);

    // The teacher cancels the rest.
    const { errorInvitees: notPending } = await teacher.cancel(inviteID, { data: 'thanks, that is enough' });
    expect(notPending).toEqual([]);
    const rest = students.slice(10);
    for (const s of rest) {
      const cancelled = await s.next('invitationCancelled', (e) => e.inviteID === inviteID);
      expect(cancelled).toMatchObject({ reason: 'cancelled', data: 'thanks, that is enough' });
      expect(cancelled.invitees).toContain(s.userID);
    }
    // A student who raised a hand sees the others cancelled (the class sees everything), never herself.
    for (const s of raising) expect(s.seen('invitationCancelled').filter((e) => e.inviteID === inviteID && e.invitees.includes(s.userID))).toEqual([]);

    const final = await storage.getInvitation(inviteID);
    expect(final).toMatchObject({ state: 'ended', endReason: 'cancelled' });
    const everyone: TestClient[] = [teacher, ...students, ...observers];
    await until(() => everyone.every((c) => c.getInvitation(inviteID)?.version === final?.version), 5000, 'every mirror at the final version');
    for (const c of everyone) expect(c.getInvitation(inviteID), c.userID).toEqual(final);
    expect(final?.users.filter((u) => u.state === 'accepted')).toHaveLength(10);
    expect(final?.users.filter((u) => u.state === 'cancelled')).toHaveLength(20);

    // Observers never rang.
    for (const o of observers) expect(o.seen('invitationReceived')).toEqual([]);
    // The stranger heard nothing and cannot act on it; the ID is not revealed.
    expect(stranger.events.filter((r) => r.name !== 'connectionStateChanged')).toEqual([]);
    expect(stranger.getInvitation(inviteID)).toBeUndefined();
    expect(await codeOf(stranger.accept(inviteID))).toBe('INVITATION_NOT_FOUND');
  });

  it('a stranger cannot accept a live group invitation', async () => {
    const server = await startServer();
    await server.groups.createGroup('class', ['teacher', 's1']);
    const teacher = await connectClient(server, 'teacher');
    const stranger = await connectClient(server, 'stranger');
    const { inviteID } = await teacher.inviteInGroup('class', ['s1'], { timeout: 30 });
    expect(await codeOf(stranger.accept(inviteID))).toBe('INVITATION_NOT_FOUND');
    expect(await codeOf(stranger.reject(inviteID))).toBe('INVITATION_NOT_FOUND');
    expect(stranger.events.filter((r) => r.name !== 'connectionStateChanged')).toEqual([]);
  });

  it('non-members among the invitees are skipped with NOT_GROUP_MEMBER', async () => {
    const server = await startServer();
    await server.groups.createGroup('class', ['teacher', 's1', 's2']);
    const teacher = await connectClient(server, 'teacher');
    const outsider = await connectClient(server, 'outsider');
    const { inviteID, errorInvitees, invitation } = await teacher.inviteInGroup('class', ['s1', 'outsider', 's2', 'ghost'], { timeout: 30 });
    expect(errorInvitees.map((e) => [e.userID, e.code]).sort()).toEqual([
      ['ghost', 'NOT_GROUP_MEMBER'],
      ['outsider', 'NOT_GROUP_MEMBER'],
    ]);
    expect(invitation.users.map((u) => u.userID).sort()).toEqual(['s1', 's2']);
    // Let the server publish, then check the outsider was told nothing.
    const s1 = await connectClient(server, 's1');
    await s1.next('invitationReceived', (e) => e.inviteID === inviteID);
    expect(outsider.seen('invitationReceived')).toEqual([]);
    expect(outsider.getInvitation(inviteID)).toBeUndefined();
  });

  it('when no invitee is a member the invite fails with NO_VALID_INVITEE', async () => {
    const server = await startServer();
    await server.groups.createGroup('class', ['teacher', 's1']);
    const teacher = await connectClient(server, 'teacher');
    expect(await codeOf(teacher.inviteInGroup('class', ['outsider', 'ghost'], { timeout: 30 }))).toBe('NO_VALID_INVITEE');
    expect((await teacher.queryInvitations({ count: 10 })).invitations).toEqual([]);
  });

  it('an inviter who is not a member gets NOT_GROUP_MEMBER', async () => {
    const server = await startServer();
    await server.groups.createGroup('class', ['teacher', 's1']);
    const intruder = await connectClient(server, 'intruder');
    expect(await codeOf(intruder.inviteInGroup('class', ['s1'], { timeout: 30 }))).toBe('NOT_GROUP_MEMBER');
    expect(await codeOf(intruder.inviteInGroup('no-such-group', ['s1'], { timeout: 30 }))).toBe('NOT_GROUP_MEMBER');
  });

  it('maxGroupInvitees caps a group invitation', async () => {
    const server = await startServer({ limits: { maxGroupInvitees: 3 } });
    await server.groups.createGroup('class', ['teacher', 's1', 's2', 's3', 's4']);
    const teacher = await connectClient(server, 'teacher');
    expect(await codeOf(teacher.inviteInGroup('class', ['s1', 's2', 's3', 's4'], { timeout: 30 }))).toBe('INVALID_PARAMETER');
    const { errorInvitees } = await teacher.inviteInGroup('class', ['s1', 's2', 's3'], { timeout: 30 });
    expect(errorInvitees).toEqual([]);
  });

  it('a member who connects later sees the live class invitation without ringing, and no missed call once it is over', async () => {
    const server = await startServer();
    await server.groups.createGroup('class', ['teacher', 's1', 'late-observer', 'away-observer']);
    const teacher = await connectClient(server, 'teacher');
    const s1 = await connectClient(server, 's1');
    const { inviteID } = await teacher.inviteInGroup('class', ['s1'], { timeout: 30 });

    const late = await connectClient(server, 'late-observer');
    const update = await late.next('invitationUpdated', (e) => e.inviteID === inviteID);
    expect(update.invitation).toMatchObject({ groupID: 'class', state: 'active' });
    expect(late.seen('invitationReceived')).toEqual([]);

    await teacher.cancel(inviteID);
    await s1.next('invitationCancelled', (e) => e.inviteID === inviteID);
    await late.next('invitationUpdated', (e) => e.inviteID === inviteID && e.invitation.state === 'ended');

    // The observer who was away the whole time was never invited: nothing was missed.
    const away = await connectClient(server, 'away-observer');
    const { inviteID: next } = await teacher.inviteInGroup('class', ['s1'], { timeout: 30 });
    await away.next('invitationUpdated', (e) => e.inviteID === next);
    expect(away.seen('invitationCancelled')).toEqual([]);
    expect(away.getInvitation(inviteID)).toBeUndefined();
  });

  it('inviteInGroup refuses the inviter among the invitees and duplicates', async () => {
    const server = await startServer();
    await server.groups.createGroup('class', ['teacher', 's1']);
    const teacher = await connectClient(server, 'teacher');
    expect(await codeOf(teacher.inviteInGroup('class', ['teacher', 's1']))).toBe('INVALID_PARAMETER');
    expect(await codeOf(teacher.inviteInGroup('class', ['s1', 's1']))).toBe('INVALID_PARAMETER');
  });
});
