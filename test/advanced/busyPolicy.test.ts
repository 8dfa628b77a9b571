import { describe, expect, it } from 'vitest';
import { connectClient, type TestClient } from '../support/harness.js';
import { callAndRing, type CallServer, roundTrip, startCallServer, userIn } from './callSupport.js';

const BUSY = '{"reason":"busy"}';

/** dave answers erin's call, so he is in an active advanced call. */
async function daveInACall(server: CallServer): Promise<TestClient> {
  const erin = await connectClient(server, 'erin');
  const dave = await connectClient(server, 'dave', { deviceID: 'dave-phone' });
  const inviteID = await callAndRing(erin, [dave]);
  await dave.accept(inviteID);
  return dave;
}

describe("busyPolicy: someone already in a call", () => {
  it("with 'reject', dave is declined at once as busy and alice hears it right away", async () => {
    const server = await startCallServer();
    const dave = await daveInACall(server);
    const alice = await connectClient(server, 'alice');

    const { inviteID, invitation } = await alice.invite('dave', { mode: 'advanced', busyPolicy: 'reject', timeout: 30 });
    expect(userIn(invitation, 'dave')).toMatchObject({ state: 'rejected', data: BUSY });
    expect(userIn(await server.snapshot(inviteID), 'dave')).toMatchObject({ state: 'rejected', data: BUSY });
    expect(await alice.next('inviteeRejected', (e) => e.inviteID === inviteID)).toMatchObject({ invitee: 'dave', data: BUSY });

    // dave's phone never rings for it
    await roundTrip(dave);
    expect(dave.seen('invitationReceived').filter((e) => e.inviteID === inviteID)).toEqual([]);
  });

  it("with 'reject' in callingInvite, the busy user is declined and the call goes on", async () => {
    const server = await startCallServer();
    const dave = await daveInACall(server);
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const inviteID = await callAndRing(alice, [bob]);
    await bob.accept(inviteID);

    await bob.callingInvite(inviteID, ['dave'], { busyPolicy: 'reject' });
    expect(userIn(await server.snapshot(inviteID), 'dave')).toMatchObject({ state: 'rejected', data: BUSY });
    expect(await alice.next('inviteeRejected', (e) => e.inviteID === inviteID && e.invitee === 'dave')).toMatchObject({ data: BUSY });
    expect(await bob.next('inviteeRejected', (e) => e.inviteID === inviteID && e.invitee === 'dave')).toMatchObject({ data: BUSY });
    expect((await server.snapshot(inviteID)).state).toBe('active');
    await roundTrip(dave);
    expect(dave.seen('invitationReceived').filter((e) => e.inviteID === inviteID)).toEqual([]);
  });

  it("by default ('ring') dave rings even though he is in a call", async () => {
    const server = await startCallServer();
    const dave = await daveInACall(server);
    const alice = await connectClient(server, 'alice');

    const { inviteID, invitation } = await alice.invite('dave', { mode: 'advanced', timeout: 30 });
    expect(userIn(invitation, 'dave')?.state).toBe('inviting');
    expect(await dave.next('invitationReceived', (e) => e.inviteID === inviteID)).toMatchObject({ inviter: 'alice' });
  });

  it("'reject' rings someone who is only ringing elsewhere, or whose call is over", async () => {
    const server = await startCallServer();
    const erin = await connectClient(server, 'erin');
    const dave = await connectClient(server, 'dave');
    const alice = await connectClient(server, 'alice');

    // dave is ringing in erin's call, not in it: not busy
    const first = await erin.invite('dave', { mode: 'advanced', timeout: 30 });
    await dave.next('invitationReceived', (e) => e.inviteID === first.inviteID);
    const second = await alice.invite('dave', { mode: 'advanced', busyPolicy: 'reject', timeout: 30 });
    expect(userIn(second.invitation, 'dave')?.state).toBe('inviting');

    // dave took erin's call and it ended: not busy any more
    await dave.accept(first.inviteID);
    await erin.end(first.inviteID);
    const third = await alice.invite('dave', { mode: 'advanced', busyPolicy: 'reject', timeout: 30 });
    expect(userIn(third.invitation, 'dave')?.state).toBe('inviting');
  });
});
