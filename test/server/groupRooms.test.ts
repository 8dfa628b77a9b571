import { describe, expect, it } from 'vitest';
import { connectClient, startServer, until } from '../support/harness.js';

describe('group rooms: a class hears its invitations through one room that follows membership', () => {
  it('a member added while connected hears the next group invitation; a removed one hears nothing', async () => {
    const server = await startServer();
    await server.groups.createGroup('class', ['teacher', 's1', 'leaver']);
    const teacher = await connectClient(server, 'teacher');
    const s1 = await connectClient(server, 's1');
    const late = await connectClient(server, 'late');
    const leaver = await connectClient(server, 'leaver');
    await server.groups.addMembers('class', ['late']);
    await server.groups.removeMembers('class', ['leaver']);

    const { inviteID } = await teacher.inviteInGroup('class', ['s1'], { timeout: 60 });
    await s1.next('invitationReceived', (e) => e.inviteID === inviteID);
    const seen = await late.next('invitationUpdated', (e) => e.inviteID === inviteID);
    expect(seen.invitation).toMatchObject({ groupID: 'class', inviter: 'teacher' });

    await s1.accept(inviteID);
    await until(() => late.getInvitation(inviteID)?.state === 'ended', 5000, 'the late member sees the round end');
    expect(teacher.getInvitation(inviteID)?.users).toEqual(late.getInvitation(inviteID)?.users);
    expect(leaver.seen('invitationUpdated').filter((e) => e.inviteID === inviteID)).toEqual([]);
  });

  it('an invitee who left the group while ringing still hears the invitation by name', async () => {
    const server = await startServer();
    await server.groups.createGroup('class', ['teacher', 's1', 's2']);
    const teacher = await connectClient(server, 'teacher');
    const s1 = await connectClient(server, 's1');
    const s2 = await connectClient(server, 's2');
    const { inviteID } = await teacher.inviteInGroup('class', ['s1', 's2'], { timeout: 60 });
    await s2.next('invitationReceived', (e) => e.inviteID === inviteID);
    await server.groups.removeMembers('class', ['s2']);

    await s1.accept(inviteID);
    const accepted = await s2.next('inviteeAccepted', (e) => e.inviteID === inviteID);
    expect(accepted.invitee).toBe('s1');
  });
});
