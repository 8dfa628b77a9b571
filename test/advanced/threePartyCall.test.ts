import { describe, expect, it } from 'vitest';
import { connectClient } from '../support/harness.js';
import { expectMirrorsEqualServer, outcome, roundTrip, startCallServer, userIn } from './callSupport.js';

describe('three-party call: alice calls bob, bob brings in carol, alice ends it', () => {
  it('runs from the first ring to the end, and every mirror ends equal to the server', async () => {
    const server = await startCallServer({ maxCallUsers: 10 });
    const alice = await connectClient(server, 'alice', { deviceID: 'alice-phone' });
    const bob = await connectClient(server, 'bob', { deviceID: 'bob-phone' });
    const carolPhone = await connectClient(server, 'carol', { deviceID: 'phone' });
    const carolLaptop = await connectClient(server, 'carol', { deviceID: 'laptop' });
    const dave = await connectClient(server, 'dave', { deviceID: 'dave-phone' });

    // alice calls bob; in a call she is listed as accepted from the start
    const { inviteID, invitation } = await alice.invite('bob', { mode: 'advanced', data: '{"room":"r1"}', timeout: 30 });
    expect(invitation).toMatchObject({ mode: 'advanced', state: 'active', inviter: 'alice' });
    expect(userIn(invitation, 'alice')).toMatchObject({ state: 'accepted', deviceID: 'alice-phone' });
    expect(userIn(invitation, 'bob')?.state).toBe('inviting');
    const ring = await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    expect(ring).toMatchObject({ inviter: 'alice', mode: 'advanced', inviteeList: ['bob'] });

    // bob picks up
    await bob.accept(inviteID, { data: 'bob here' });
    expect(await alice.next('inviteeAccepted', (e) => e.invitee === 'bob')).toMatchObject({ data: 'bob here', deviceID: 'bob-phone' });

    // mid-call, bob invites carol and dave; both ring on every device
    const invited = await bob.callingInvite(inviteID, ['carol', 'dave'], { data: 'join us' });
    expect(invited.errorInvitees).toEqual([]);
    for (const device of [carolPhone, carolLaptop, dave]) {
      const rung = await device.next('invitationReceived', (e) => e.inviteID === inviteID);
      expect(rung).toMatchObject({ inviter: 'alice', mode: 'advanced' });
    }
    await alice.next('callUserStateChanged', (e) => e.callUserList.some((u) => u.userID === 'carol' && u.state !== 'accepted'));

    // carol joins from her laptop while her phone is still ringing
    await server.untilState(inviteID, 'carol', 'received');
    await carolLaptop.join(inviteID, { data: 'on my laptop' });
    const onPhone = await carolPhone.next('callUserStateChanged', (e) =>
      e.callUserList.some((u) => u.userID === 'carol' && u.state === 'accepted'),
    );
    expect(onPhone.callUserList.find((u) => u.userID === 'carol')).toMatchObject({ state: 'accepted', deviceID: 'laptop', data: 'on my laptop' });
    expect(userIn(carolPhone.getInvitation(inviteID), 'carol')).toMatchObject({ state: 'accepted', deviceID: 'laptop' });
    expect(await alice.next('inviteeAccepted', (e) => e.invitee === 'carol')).toMatchObject({ deviceID: 'laptop' });

    // bob leaves the call; dave never picks up
    await bob.quit(inviteID, { data: 'gotta go' });
    await alice.next('callUserStateChanged', (e) => e.callUserList.some((u) => u.userID === 'bob' && u.state === 'quit'));
    await server.untilState(inviteID, 'dave', 'received');
    const beforeEnd = await server.snapshot(inviteID);
    expect(beforeEnd.state).toBe('active');
    expect(Object.fromEntries(beforeEnd.users.map((u) => [u.userID, u.state]))).toEqual({
      alice: 'accepted',
      bob: 'quit',
      carol: 'accepted',
      dave: 'received',
    });

    // alice ends the call: everyone still pending or in it hears so, from alice
    await alice.end(inviteID, { data: 'thanks all' });
    for (const device of [alice, carolPhone, carolLaptop, dave]) {
      const ended = await device.next('invitationEnded', (e) => e.inviteID === inviteID);
      expect(ended, `${device.userID}/${device.deviceID}`).toMatchObject({ operatedUserID: 'alice', endReason: 'ended', data: 'thanks all' });
    }

    // ending changes no user's state
    const final = await server.snapshot(inviteID);
    expect(final).toMatchObject({ state: 'ended', endReason: 'ended' });
    expect(final.users.map((u) => [u.userID, u.state, u.data])).toEqual(beforeEnd.users.map((u) => [u.userID, u.state, u.data]));

    // bob had already left: he is no longer a recipient and hears nothing of the end
    await roundTrip(bob);
    expect(bob.seen('invitationEnded')).toEqual([]);
    expect(userIn(bob.getInvitation(inviteID), 'bob')?.state).toBe('quit');

    // after the end, every operation is refused with INVALID_STATE, and nothing changes
    const later: [string, () => Promise<unknown>][] = [
      ['dave accepts', () => dave.accept(inviteID)],
      ['dave rejects', () => dave.reject(inviteID)],
      ['carol accepts', () => carolPhone.accept(inviteID)],
      ['alice cancels', () => alice.cancel(inviteID)],
      ['alice callingInvites', () => alice.callingInvite(inviteID, ['erin'])],
      ['carol callingInvites', () => carolLaptop.callingInvite(inviteID, ['erin'])],
      ['bob joins again', () => bob.join(inviteID)],
      ['dave joins', () => dave.join(inviteID)],
      ['carol joins on the phone', () => carolPhone.join(inviteID)],
      ['alice quits', () => alice.quit(inviteID)],
      ['carol quits', () => carolLaptop.quit(inviteID)],
      ['alice ends again', () => alice.end(inviteID)],
      ['carol ends', () => carolLaptop.end(inviteID)],
    ];
    for (const [what, operation] of later) expect(await outcome(operation()), what).toBe('INVALID_STATE');
    expect((await server.snapshot(inviteID)).version).toBe(final.version);

    // every device still involved mirrors exactly the server's final snapshot
    await expectMirrorsEqualServer(server, inviteID, [alice, carolPhone, carolLaptop, dave]);
  });
});
