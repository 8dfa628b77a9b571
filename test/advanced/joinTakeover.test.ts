import { describe, expect, it } from 'vitest';
import { connectClient } from '../support/harness.js';
import { callAndRing, expectMirrorsEqualServer, outcome, startCallServer, userIn } from './callSupport.js';

describe('join: switching the call to another device', () => {
  it('carol accepted on her phone moves the call to her laptop; the laptop cannot join twice', async () => {
    const server = await startCallServer();
    const alice = await connectClient(server, 'alice', { deviceID: 'alice-phone' });
    const phone = await connectClient(server, 'carol', { deviceID: 'phone' });
    const laptop = await connectClient(server, 'carol', { deviceID: 'laptop' });

    const inviteID = await callAndRing(alice, [phone, laptop]);

    // carol answers on her phone: the phone is her primary device, the laptop stops ringing
    await phone.accept(inviteID, { data: 'phone' });
    const answeredElsewhere = await laptop.next('callUserStateChanged', (e) =>
      e.callUserList.some((u) => u.userID === 'carol' && u.state === 'accepted'),
    );
    expect(answeredElsewhere.callUserList.find((u) => u.userID === 'carol')?.deviceID).toBe('phone');
    expect(userIn(await server.snapshot(inviteID), 'carol')).toMatchObject({ state: 'accepted', deviceID: 'phone' });

    // she joins from the laptop: the laptop takes over, and the phone learns it
    await laptop.join(inviteID, { data: 'laptop' });
    const switched = await phone.next('callUserStateChanged', (e) =>
      e.callUserList.some((u) => u.userID === 'carol' && u.deviceID === 'laptop'),
    );
    expect(switched.callUserList.find((u) => u.userID === 'carol')).toMatchObject({ state: 'accepted', deviceID: 'laptop', data: 'laptop' });
    await alice.next('callUserStateChanged', (e) => e.callUserList.some((u) => u.userID === 'carol' && u.deviceID === 'laptop'));
    expect(userIn(await server.snapshot(inviteID), 'carol')).toMatchObject({ state: 'accepted', deviceID: 'laptop' });

    // the laptop is primary now: joining again is refused and changes nothing
    const before = await server.snapshot(inviteID);
    expect(await outcome(laptop.join(inviteID))).toBe('ALREADY_PRIMARY_DEVICE');
    expect((await server.snapshot(inviteID)).version).toBe(before.version);

    // the phone can take the call back
    await phone.join(inviteID, { data: 'back on phone' });
    await laptop.next('callUserStateChanged', (e) => e.callUserList.some((u) => u.userID === 'carol' && u.deviceID === 'phone'));
    expect(await outcome(phone.join(inviteID))).toBe('ALREADY_PRIMARY_DEVICE');

    await expectMirrorsEqualServer(server, inviteID, [alice, phone, laptop]);
  });

  it('the inviter can move the call to another device too', async () => {
    const server = await startCallServer();
    const alicePhone = await connectClient(server, 'alice', { deviceID: 'phone' });
    const aliceTablet = await connectClient(server, 'alice', { deviceID: 'tablet' });
    await connectClient(server, 'bob');

    const { inviteID } = await alicePhone.invite('bob', { mode: 'advanced', timeout: 30 });
    expect(await outcome(alicePhone.join(inviteID))).toBe('ALREADY_PRIMARY_DEVICE');
    await aliceTablet.join(inviteID);
    expect(userIn(await server.snapshot(inviteID), 'alice')).toMatchObject({ state: 'accepted', deviceID: 'tablet' });
    await alicePhone.next('callUserStateChanged', (e) => e.callUserList.some((u) => u.userID === 'alice' && u.deviceID === 'tablet'));
    expect(await outcome(aliceTablet.join(inviteID))).toBe('ALREADY_PRIMARY_DEVICE');
  });

  it('a join retried with the same requestID (lost acknowledgement) returns the first result, not ALREADY_PRIMARY_DEVICE', async () => {
    const server = await startCallServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const inviteID = await callAndRing(alice, [bob]);
    const first = await bob.join(inviteID, { requestID: 'join-once' });
    const retry = await bob.join(inviteID, { requestID: 'join-once' });
    expect(retry.invitation.version).toBe(first.invitation.version);
    expect((await server.snapshot(inviteID)).version).toBe(first.invitation.version);
    expect(await outcome(bob.join(inviteID, { requestID: 'join-twice' }))).toBe('ALREADY_PRIMARY_DEVICE');
  });
});
