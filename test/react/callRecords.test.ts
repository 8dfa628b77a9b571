import { afterEach, describe, expect, it } from 'vitest';
import type { SignalingClient } from '../../src/client/SignalingClient.js';
import { createLoopbackTransport, createSignalingClient } from '../../src/index.js';
import { callRecordOf, createRingkitStore, encodeRound, inviteReplacingEarlier } from '../../src/react/index.js';
import { loopbackUsers } from '../../stories/support/loopbackUsers.js';

const opened: Awaited<ReturnType<typeof loopbackUsers>>[] = [];
const extra: SignalingClient[] = [];
afterEach(() => {
  extra.splice(0).forEach((c) => c.disconnect());
  for (const { server, clients } of opened.splice(0)) {
    clients.forEach((c) => c.disconnect());
    server.close();
  }
});

async function users(ids: string[], groups: Record<string, string[]> = {}) {
  const u = await loopbackUsers(ids, groups);
  opened.push(u);
  return u;
}

async function until(check: () => boolean) {
  for (let i = 0; i < 250 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}

/** The record `client` sees for `inviteID` once the snapshot satisfies `ready`. */
async function recordOf(client: SignalingClient, inviteID: string, ready: (state: string) => boolean = (s) => s === 'ended') {
  await until(() => ready(client.getInvitation(inviteID)?.state ?? ''));
  return callRecordOf(client.getInvitation(inviteID)!, client.userID, client.deviceID);
}

describe('callRecordOf on snapshots made by the engine', () => {
  it('a call turned away as busy is missed (busy) for the callee and declined (busy) for the caller', async () => {
    const { clients } = await users(['alice', 'bob', 'carol']);
    const [alice, bob, carol] = clients as [SignalingClient, SignalingClient, SignalingClient];
    const inCall = await carol.invite('bob', { mode: 'advanced' });
    await until(() => bob.getInvitation(inCall.inviteID) !== undefined);
    await bob.accept(inCall.inviteID);
    const busy = await alice.invite('bob', { busyPolicy: 'reject' });
    expect(await recordOf(bob, busy.inviteID)).toMatchObject({ kind: 'missed', reason: 'busy', direction: 'incoming', peers: ['alice'] });
    expect(await recordOf(alice, busy.inviteID)).toMatchObject({ kind: 'declined', reason: 'busy', direction: 'outgoing', peers: ['bob'] });
    // The call bob is in is ongoing for both.
    expect(await recordOf(bob, inCall.inviteID, (s) => s === 'active')).toMatchObject({ kind: 'ongoing' });
    expect(await recordOf(carol, inCall.inviteID, (s) => s === 'active')).toMatchObject({ kind: 'ongoing' });
  });

  it('a group call answered by one callee is answered; the others who did not answer missed it', async () => {
    const { clients } = await users(['alice', 'bob', 'carol'], { team: ['alice', 'bob', 'carol'] });
    const [alice, bob, carol] = clients as [SignalingClient, SignalingClient, SignalingClient];
    const call = await alice.inviteInGroup('team', ['bob', 'carol'], { timeout: 1 });
    await until(() => bob.getInvitation(call.inviteID) !== undefined);
    await bob.accept(call.inviteID);
    expect(await recordOf(alice, call.inviteID)).toMatchObject({ kind: 'answered', peers: ['bob', 'carol'], groupID: 'team' });
    expect(await recordOf(carol, call.inviteID)).toMatchObject({ kind: 'missed', peers: ['alice'] });
    expect(await recordOf(bob, call.inviteID)).toMatchObject({ kind: 'answered' });
  });

  it('answered on my other device says so; a raise-hand round is no call', async () => {
    const u = await users(['alice', 'bob'], { class: ['alice', 'bob'] });
    const [alice, bob] = u.clients as [SignalingClient, SignalingClient];
    const tablet = createSignalingClient({ transport: createLoopbackTransport(u.server, { userID: 'bob', deviceID: 'tablet' }), userID: 'bob' });
    extra.push(tablet);
    await tablet.connect();
    const call = await alice.invite('bob');
    await until(() => tablet.getInvitation(call.inviteID) !== undefined);
    await tablet.reject(call.inviteID);
    expect(await recordOf(bob, call.inviteID)).toMatchObject({ kind: 'declined', reason: 'answeredElsewhere' });
    expect(await recordOf(tablet, call.inviteID)).toEqual(expect.not.objectContaining({ reason: 'answeredElsewhere' }));
    const round = await alice.inviteInGroup('class', ['bob'], { data: encodeRound('Who knows?') });
    await until(() => bob.getInvitation(round.inviteID) !== undefined);
    expect(callRecordOf(bob.getInvitation(round.inviteID)!, 'bob')).toBeUndefined();
  });

  it('a call replaced by calling again is no line of its own, for either side; the new call is', async () => {
    const { clients } = await users(['alice', 'bob']);
    const [alice, bob] = clients as [SignalingClient, SignalingClient];
    const old = await alice.invite('bob', { mode: 'advanced' });
    await until(() => bob.getInvitation(old.inviteID) !== undefined);
    const store = createRingkitStore(alice);
    const redial = await inviteReplacingEarlier(alice, store.getState(), 'bob', { mode: 'advanced' });
    store.destroy();
    const bobCancelled = (client: SignalingClient) => () => client.getInvitation(old.inviteID)?.users.find((u) => u.userID === 'bob')?.state === 'cancelled';
    await until(bobCancelled(bob));
    await until(bobCancelled(alice));
    expect(callRecordOf(bob.getInvitation(old.inviteID)!, 'bob', bob.deviceID)).toBeUndefined();
    expect(callRecordOf(alice.getInvitation(old.inviteID)!, 'alice', alice.deviceID)).toBeUndefined();
    await until(() => bob.getInvitation(redial.inviteID) !== undefined);
    expect(callRecordOf(bob.getInvitation(redial.inviteID)!, 'bob', bob.deviceID)).toMatchObject({ kind: 'ongoing', peers: ['alice'] });
  });
});
