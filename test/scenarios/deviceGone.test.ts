import { describe, expect, inject, it } from 'vitest';
import type { Invitation } from '../../src/protocol/types.js';
import type { RingkitServer } from '../../src/server/index.js';
import { callAndRing, startCallServer, userIn } from '../advanced/callSupport.js';
import { startCluster } from '../support/cluster.js';
import { connectClient, crashDevice, dropConnections, until } from '../support/harness.js';

const GONE = '{"reason":"gone"}';
const GRACE_SECONDS = 1;

/** Two entry points to one deployment (one server twice, or two nodes over Redis) and its truth. */
interface World {
  nodes: [RingkitServer, RingkitServer];
  snapshot(inviteID: string): Promise<Invitation>;
  untilSnapshot(inviteID: string, check: (inv: Invitation) => boolean, what: string, timeoutMs?: number): Promise<Invitation>;
}

const worlds: [string, () => Promise<World>][] = [
  [
    'memory',
    async () => {
      const server = await startCallServer({ callerGraceSeconds: GRACE_SECONDS });
      return { nodes: [server, server], snapshot: server.snapshot, untilSnapshot: server.untilSnapshot };
    },
  ],
  [
    'redis, two nodes',
    async () => {
      const cluster = await startCluster(inject('redisUrl'), 2, { limits: { callerGraceSeconds: GRACE_SECONDS } });
      const [n1, n2] = cluster.nodes;
      return { nodes: [n1!, n2!], snapshot: cluster.snapshot, untilSnapshot: cluster.untilSnapshot };
    },
  ],
];

/** Resolves once more than the grace period has passed. */
const pastTheGrace = () => new Promise((resolve) => setTimeout(resolve, GRACE_SECONDS * 1000 + 1500));

describe.each(worlds)('the device that accepted owns its user’s part of the call (%s)', (_, start) => {
  it('bob’s phone dies mid-call while his laptop stays online: after the grace period he is out, and the 1v1 call ends with the reason', async () => {
    const { nodes: [n1, n2], snapshot } = await start();
    const alice = await connectClient(n1, 'alice');
    const phone = await connectClient(n2, 'bob', { deviceID: 'phone' });
    const laptop = await connectClient(n1, 'bob', { deviceID: 'laptop' });
    const inviteID = await callAndRing(alice, [phone]);
    await phone.accept(inviteID);

    await crashDevice(n2, phone);
    const ended = await alice.next('invitationEnded', (e) => e.inviteID === inviteID, 10_000);
    expect(ended).toMatchObject({ operatedUserID: 'bob', data: GONE, endReason: 'ended' });
    const truth = await snapshot(inviteID);
    expect(userIn(truth, 'bob')).toMatchObject({ state: 'quit', data: GONE });
    expect(userIn(truth, 'alice')?.state).toBe('accepted');
    await laptop.next('invitationEnded', (e) => e.inviteID === inviteID);
    expect(laptop.connectionState).toBe('connected');
  });

  it('both browsers die mid-call and come back at once on new devices: each learns the call is detached, and the next call rings', async () => {
    const { nodes: [n1, n2], untilSnapshot } = await start();
    const oldAlice = await connectClient(n1, 'alice', { deviceID: 'alice-tab-1' });
    const oldBob = await connectClient(n2, 'bob', { deviceID: 'bob-tab-1' });
    const ghost = await callAndRing(oldAlice, [oldBob]);
    await oldBob.accept(ghost);
    await Promise.all([crashDevice(n1, oldAlice), crashDevice(n2, oldBob)]);

    const alice = await connectClient(n2, 'alice', { deviceID: 'alice-tab-2' });
    const bob = await connectClient(n1, 'bob', { deviceID: 'bob-tab-2' });
    expect(alice.detachedCallIDs).toEqual([ghost]);
    expect(bob.detachedCallIDs).toEqual([ghost]);

    // The call nobody's screen holds does not make bob busy: the next call rings on his new tab.
    const { inviteID, invitation } = await alice.invite('bob', { mode: 'advanced', busyPolicy: 'reject', timeout: 30 });
    expect(userIn(invitation, 'bob')?.state).toBe('inviting');
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    await bob.accept(inviteID);

    // Left alone, the old call is over once the old tabs have been gone for the grace period: the
    // first of them to be found gone quits, which ends the 1v1 call.
    const over = await untilSnapshot(ghost, (inv) => inv.state === 'ended', 'the ghost call ended', 10_000);
    expect(over.users.filter((u) => u.state === 'quit').map((u) => u.data)).toEqual([GONE]);
    await until(() => alice.getInvitation(ghost)?.state === 'ended', 5000, 'alice’s mirror sees the ghost end');
    const reconnected = await connectClient(n2, 'bob', { deviceID: 'bob-tab-3' });
    expect(reconnected.detachedCallIDs).toEqual([]);
  });

  it('“Continue here”: bob’s laptop joins the call his dead phone held, and stays in it past the grace period', async () => {
    const { nodes: [n1, n2], snapshot } = await start();
    const alice = await connectClient(n1, 'alice');
    const phone = await connectClient(n2, 'bob', { deviceID: 'phone' });
    const inviteID = await callAndRing(alice, [phone]);
    await phone.accept(inviteID);
    await crashDevice(n2, phone);

    const laptop = await connectClient(n1, 'bob', { deviceID: 'laptop' });
    expect(laptop.detachedCallIDs).toEqual([inviteID]);
    await laptop.join(inviteID);
    await pastTheGrace();
    const truth = await snapshot(inviteID);
    expect(truth.state).toBe('active');
    expect(userIn(truth, 'bob')).toMatchObject({ state: 'accepted', deviceID: 'laptop' });
  });

  it('a device whose network drops and comes back within the grace period keeps the call', async () => {
    const { nodes: [n1, n2], snapshot } = await start();
    const alice = await connectClient(n1, 'alice');
    const phone = await connectClient(n2, 'bob', { deviceID: 'phone' });
    const inviteID = await callAndRing(alice, [phone]);
    await phone.accept(inviteID);

    dropConnections(n2, 'bob');
    await until(() => phone.connectionState === 'reconnecting', 5000, 'the phone notices the drop');
    await until(() => phone.connectionState === 'connected', 10_000, 'the phone reconnects');
    expect(phone.detachedCallIDs).toEqual([]);
    await pastTheGrace();
    const truth = await snapshot(inviteID);
    expect(truth.state).toBe('active');
    expect(userIn(truth, 'bob')).toMatchObject({ state: 'accepted', deviceID: 'phone' });
  });

  it('the caller’s tab dies while it rings, and she is back on another tab: after the grace period bob stops ringing (callerGone)', async () => {
    const { nodes: [n1, n2], snapshot } = await start();
    const oldTab = await connectClient(n1, 'alice', { deviceID: 'alice-tab-1' });
    const bob = await connectClient(n2, 'bob');
    const inviteID = await callAndRing(oldTab, [bob]);
    await crashDevice(n1, oldTab);
    await connectClient(n2, 'alice', { deviceID: 'alice-tab-2' });

    const cancelled = await bob.next('invitationCancelled', (e) => e.inviteID === inviteID, 10_000);
    expect(cancelled.reason).toBe('callerGone');
    const truth = await snapshot(inviteID);
    expect(truth).toMatchObject({ state: 'ended', endReason: 'empty' });
    expect(userIn(truth, 'alice')).toMatchObject({ state: 'quit', data: GONE });
  });

  it('in a call of three, the one whose device died quits and the call goes on', async () => {
    const { nodes: [n1, n2], snapshot } = await start();
    const alice = await connectClient(n1, 'alice');
    const bob = await connectClient(n2, 'bob', { deviceID: 'phone' });
    const carol = await connectClient(n1, 'carol');
    const inviteID = await callAndRing(alice, [bob, carol]);
    await bob.accept(inviteID);
    await carol.accept(inviteID);

    await crashDevice(n2, bob);
    const change = await carol.next('callUserStateChanged', (e) => e.callUserList.some((u) => u.userID === 'bob' && u.state === 'quit'), 10_000);
    expect(change.callUserList.find((u) => u.userID === 'bob')).toMatchObject({ state: 'quit', data: GONE });
    expect((await snapshot(inviteID)).state).toBe('active');
  });
});
