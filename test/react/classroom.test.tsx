import { act } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../src/server/index.js';
import { useRaiseHand } from '../../src/react/index.js';
import { connectClient, eventually, renderHookAs, startServer } from './support/ringkit.js';

const STUDENTS = ['s1', 's2', 's3', 's4'];

describe('classroom: a teacher and four students raise hands through useRaiseHand', () => {
  it('asks, sees hands in order, invites one to speak, closes the round; students see it all', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    await server.groups.createGroup('class', ['teacher', ...STUDENTS]);
    const teacherClient = await connectClient(server, 'teacher');
    const studentClients = await Promise.all(STUDENTS.map((id) => connectClient(server, id)));
    const teacher = renderHookAs(teacherClient, () => useRaiseHand('class'));
    const students = studentClients.map((c) => renderHookAs(c, () => useRaiseHand('class')));
    expect(teacher.result.current).toMatchObject({ round: undefined, role: null, open: false });

    await act(() => teacher.result.current.ask({ prompt: 'Who knows 7 × 8?' }));
    expect(teacher.result.current).toMatchObject({ role: 'teacher', open: true, prompt: 'Who knows 7 × 8?', error: null });
    expect(teacher.result.current.round?.users.map((u) => u.userID).sort()).toEqual(STUDENTS);
    for (const s of students) await eventually(() => expect(s.result.current).toMatchObject({ role: 'student', asked: true, prompt: 'Who knows 7 × 8?' }));

    // s3 raises first, then s1: the teacher sees them in that order.
    const [s1, s2, s3, s4] = students as [typeof teacher, typeof teacher, typeof teacher, typeof teacher];
    await act(() => s3.result.current.raiseHand());
    await eventually(() => expect(teacher.result.current.raisedHands.map((u) => u.userID)).toEqual(['s3']));
    await act(() => s1.result.current.raiseHand());
    await eventually(() => expect(teacher.result.current.raisedHands.map((u) => u.userID)).toEqual(['s3', 's1']));
    expect(s3.result.current).toMatchObject({ asked: false, handRaised: true });
    // Every student sees the raised hands too.
    await eventually(() => expect(s2.result.current.raisedHands.map((u) => u.userID)).toEqual(['s3', 's1']));

    // The teacher invites s1 to speak; s1 is told, the class sees who speaks.
    await act(() => teacher.result.current.inviteToSpeak('s1'));
    await eventually(() => expect(s1.result.current.invitedToSpeak).toBe(true));
    for (const s of [s2, s3, s4]) await eventually(() => expect(s.result.current).toMatchObject({ speaker: 's1', invitedToSpeak: false }));
    expect(teacher.result.current.speaker).toBe('s1');
    await act(() => s1.result.current.acceptSpeak());
    await eventually(() => expect(teacher.result.current.speakInvitation?.users[0]?.state).toBe('accepted'));

    // The round closes: s2 and s4 (never answered) stop being asked.
    await act(() => teacher.result.current.close('enough'));
    for (const s of [s2, s4]) await eventually(() => expect(s.result.current).toMatchObject({ asked: false, handRaised: false, open: false }));
    expect(teacher.result.current.open).toBe(false);
    const round = await storage.getInvitation(teacher.result.current.round!.inviteID);
    expect(round).toMatchObject({ state: 'ended', endReason: 'cancelled' });
    expect(round?.users.filter((u) => u.state === 'accepted').map((u) => u.userID).sort()).toEqual(['s1', 's3']);
    await eventually(() => expect(s4.result.current.round).toEqual(round));

    // Closing again is a no-op, not an error.
    await act(() => teacher.result.current.close());
    expect(teacher.result.current.error).toBeNull();
  });
});
