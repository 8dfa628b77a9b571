import { describe, expect, inject, it } from 'vitest';
import type { RingkitError } from '../../src/index.js';
import { startCluster, type Cluster } from '../support/cluster.js';
import { connectClient, until, type TestClient } from '../support/harness.js';

const url = inject('redisUrl');
const codeOf = (reason: unknown) => (reason as RingkitError).code;

/** The actionTypes of a conversation's stored history, oldest first. */
async function historyActions(cluster: Cluster, key: string, inviteID: string): Promise<string[]> {
  const { entries } = await cluster.storage.getHistory(key, 100, 0);
  return entries.filter((e) => e.signaling.inviteID === inviteID).map((e) => e.signaling.actionType).reverse();
}

/** Waits until every client's mirror holds the stored final version, then compares snapshots. */
async function expectMirrorsEqualStored(cluster: Cluster, inviteID: string, clients: TestClient[]) {
  const stored = await cluster.snapshot(inviteID);
  await until(() => clients.every((c) => c.getInvitation(inviteID)?.version === stored.version), 5000, 'mirrors at the stored version');
  for (const c of clients) expect(c.getInvitation(inviteID), c.userID).toEqual(stored);
}

describe('three nodes over one Redis: users spread across them', () => {
  it('alice on node 1 invites bob, whose phone is on node 2 and laptop on node 3: both ring; the phone answers and the laptop stops', async () => {
    const cluster = await startCluster(url, 3);
    const [n1, n2, n3] = cluster.nodes as [Cluster['nodes'][0], Cluster['nodes'][0], Cluster['nodes'][0]];
    const alice = await connectClient(n1, 'alice', { deviceID: 'alice-phone' });
    const phone = await connectClient(n2, 'bob', { deviceID: 'phone' });
    const laptop = await connectClient(n3, 'bob', { deviceID: 'laptop' });

    const { inviteID } = await alice.invite('bob', { data: '{"room":"r1"}', timeout: 30 });
    for (const device of [phone, laptop]) {
      expect(await device.next('invitationReceived', (e) => e.inviteID === inviteID)).toMatchObject({ inviter: 'alice', data: '{"room":"r1"}' });
    }
    await cluster.untilSnapshot(inviteID, (inv) => inv.users[0]?.state === 'received', 'bob received');

    await phone.accept(inviteID, { data: 'picked up' });
    const onLaptop = await laptop.next('callUserStateChanged', (e) => e.callUserList.some((u) => u.userID === 'bob' && u.state === 'accepted'));
    expect(onLaptop.callUserList.find((u) => u.userID === 'bob')).toMatchObject({ state: 'accepted', deviceID: 'phone', data: 'picked up' });
    expect(await alice.next('inviteeAccepted', (e) => e.inviteID === inviteID)).toMatchObject({ invitee: 'bob', deviceID: 'phone', data: 'picked up' });

    // The laptop's accept now loses, wherever it lands.
    await expect(laptop.accept(inviteID)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expectMirrorsEqualStored(cluster, inviteID, [alice, phone, laptop]);
    expect((await cluster.snapshot(inviteID)).state).toBe('ended');
    expect(await historyActions(cluster, 'c2c:alice|bob', inviteID)).toEqual(['invite', 'accept']);
  });

  it('50 invitations where bob accepts on two nodes while alice cancels on a third: one winner each, and every mirror agrees', async () => {
    const cluster = await startCluster(url, 3);
    const [n1, n2, n3] = cluster.nodes as [Cluster['nodes'][0], Cluster['nodes'][0], Cluster['nodes'][0]];
    const alice = await connectClient(n1, 'alice');
    const phone = await connectClient(n2, 'bob', { deviceID: 'phone' });
    const laptop = await connectClient(n3, 'bob', { deviceID: 'laptop' });

    const ids = (await Promise.all(Array.from({ length: 50 }, (_, i) => alice.invite('bob', { timeout: 60, data: `call ${i}` })))).map((r) => r.inviteID);
    expect(new Set(ids).size).toBe(50);
    const outcomes = await Promise.all(
      ids.map((id) => Promise.allSettled([phone.accept(id, { data: 'phone' }), laptop.accept(id, { data: 'laptop' }), alice.cancel(id, { data: 'never mind' })])),
    );

    let accepts = 0;
    let cancels = 0;
    for (const [i, results] of outcomes.entries()) {
      const winners = results.flatMap((r, k) => (r.status === 'fulfilled' ? [k] : []));
      expect(winners, `invitation ${i}`).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(codeOf(r.reason), `invitation ${i}`).toBe('INVALID_STATE');
      const stored = await cluster.snapshot(ids[i]!);
      const winner = winners[0]!;
      if (winner === 2) {
        cancels++;
        expect(stored.users[0]?.state, `invitation ${i}`).toBe('cancelled');
      } else {
        accepts++;
        expect(stored.users[0], `invitation ${i}`).toMatchObject({ state: 'accepted', deviceID: winner === 0 ? 'phone' : 'laptop' });
      }
      expect(await historyActions(cluster, 'c2c:alice|bob', ids[i]!), `invitation ${i}`).toEqual(['invite', winner === 2 ? 'cancel' : 'accept']);
    }
    expect(accepts + cancels).toBe(50);

    for (const id of ids) await expectMirrorsEqualStored(cluster, id, [alice, phone, laptop]);
    // Every outcome was heard exactly once, across nodes.
    expect(alice.seen('inviteeAccepted')).toHaveLength(accepts);
    for (const device of [phone, laptop]) expect(device.seen('invitationCancelled')).toHaveLength(cancels);
  });

  it('an advanced call across nodes: alice calls bob, bob brings in carol from another node, carol joins, alice ends it', async () => {
    const cluster = await startCluster(url, 3);
    const [n1, n2, n3] = cluster.nodes as [Cluster['nodes'][0], Cluster['nodes'][0], Cluster['nodes'][0]];
    const alice = await connectClient(n1, 'alice', { deviceID: 'alice-phone' });
    const bob = await connectClient(n2, 'bob', { deviceID: 'bob-phone' });
    const carolPhone = await connectClient(n3, 'carol', { deviceID: 'phone' });
    const carolLaptop = await connectClient(n1, 'carol', { deviceID: 'laptop' });

    const { inviteID } = await alice.invite('bob', { mode: 'advanced', timeout: 30 });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    await bob.accept(inviteID, { data: 'bob here' });
    await alice.next('inviteeAccepted', (e) => e.invitee === 'bob');

    expect((await bob.callingInvite(inviteID, ['carol'], { data: 'join us' })).errorInvitees).toEqual([]);
    for (const device of [carolPhone, carolLaptop]) await device.next('invitationReceived', (e) => e.inviteID === inviteID);
    await cluster.untilSnapshot(inviteID, (inv) => inv.users.some((u) => u.userID === 'carol' && u.state === 'received'), 'carol received');
    await carolPhone.join(inviteID, { data: 'on my phone' });
    const onLaptop = await carolLaptop.next('callUserStateChanged', (e) => e.callUserList.some((u) => u.userID === 'carol' && u.state === 'accepted'));
    expect(onLaptop.callUserList.find((u) => u.userID === 'carol')).toMatchObject({ deviceID: 'phone' });

    await alice.end(inviteID, { data: 'thanks all' });
    for (const c of [alice, bob, carolPhone, carolLaptop]) {
      expect(await c.next('invitationEnded', (e) => e.inviteID === inviteID)).toMatchObject({ operatedUserID: 'alice', endReason: 'ended', data: 'thanks all' });
      expect(c.seen('invitationEnded').filter((e) => e.inviteID === inviteID)).toHaveLength(1);
    }
    await expectMirrorsEqualStored(cluster, inviteID, [alice, bob, carolPhone, carolLaptop]);
    const stored = await cluster.snapshot(inviteID);
    expect(Object.fromEntries(stored.users.map((u) => [u.userID, u.state]))).toEqual({ alice: 'accepted', bob: 'accepted', carol: 'accepted' });
    expect(await historyActions(cluster, 'c2c:alice|carol', inviteID)).toEqual(['callingInvite', 'join', 'end']);
  });

  it('timeouts fire exactly once in the cluster: ten invitations made on three nodes, one timeout each', async () => {
    const cluster = await startCluster(url, 3);
    const inviters = await Promise.all(cluster.nodes.map((node, i) => connectClient(node, 'alice', { deviceID: `alice-${i}` })));
    const bobs = await Promise.all(cluster.nodes.map((node, i) => connectClient(node, 'bob', { deviceID: `bob-${i}` })));

    const ids = await Promise.all(Array.from({ length: 10 }, async (_, i) => (await inviters[i % 3]!.invite('bob', { timeout: 1 })).inviteID));
    for (const id of ids) await cluster.untilSnapshot(id, (inv) => inv.state === 'ended', `${id} ended`, 10_000);

    for (const id of ids) {
      expect((await cluster.snapshot(id)).users[0]?.state).toBe('timeout');
      expect(await historyActions(cluster, 'c2c:alice|bob', id)).toEqual(['invite', 'timeout']);
      await expectMirrorsEqualStored(cluster, id, [...inviters, ...bobs]);
      for (const c of [...inviters, ...bobs]) {
        const heard = c.seen('invitationTimeout').filter((e) => e.inviteID === id);
        expect(heard, `${c.userID} ${id}`).toHaveLength(1);
        expect(heard[0]?.isSelfTimeout).toBe(c.userID === 'bob');
      }
    }
  });

  it('a node dies without cleaning up: the inviter whose only device was there is gone after the grace period, once', async () => {
    const cluster = await startCluster(url, 2, { presenceTtlMs: 600, limits: { callerGraceSeconds: 1 } });
    const [n1, n2] = cluster.nodes as [Cluster['nodes'][0], Cluster['nodes'][0]];
    const alice = await connectClient(n1, 'alice');
    const bob = await connectClient(n2, 'bob');
    const { inviteID } = await alice.invite('bob', { timeout: 60 });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);

    // Node 1 loses Redis for good (its clients are closed first, so nothing is cleaned up), then
    // its sockets go: alice's device still counts until node 1's liveness key lapses.
    await n1.redis.onClose();
    alice.disconnect();
    await n1.close();

    const cancelled = await bob.next('invitationCancelled', (e) => e.inviteID === inviteID, 15_000);
    expect(cancelled).toMatchObject({ reason: 'callerGone', invitees: ['bob'] });
    const stored = await cluster.untilSnapshot(inviteID, (inv) => inv.state === 'ended', 'ended');
    expect(stored.users[0]?.state).toBe('cancelled');
    expect(await historyActions(cluster, 'c2c:alice|bob', inviteID)).toEqual(['invite', 'cancel']);
    expect(bob.seen('invitationCancelled').filter((e) => e.inviteID === inviteID)).toHaveLength(1);
  });

  it('a node dies under the phone that accepted while the laptop stays online elsewhere: after the grace period bob is out and the 1v1 call ends', async () => {
    const cluster = await startCluster(url, 2, { presenceTtlMs: 600, limits: { callerGraceSeconds: 1 } });
    const [n1, n2] = cluster.nodes as [Cluster['nodes'][0], Cluster['nodes'][0]];
    const alice = await connectClient(n2, 'alice');
    const phone = await connectClient(n1, 'bob', { deviceID: 'phone' });
    const laptop = await connectClient(n2, 'bob', { deviceID: 'laptop' });
    const { inviteID } = await alice.invite('bob', { mode: 'advanced', timeout: 60 });
    await phone.next('invitationReceived', (e) => e.inviteID === inviteID);
    await phone.accept(inviteID);

    // Node 1 loses Redis for good, then its sockets go: nothing is cleaned up.
    await n1.redis.onClose();
    phone.disconnect();
    await n1.close();

    const ended = await alice.next('invitationEnded', (e) => e.inviteID === inviteID, 15_000);
    expect(ended).toMatchObject({ operatedUserID: 'bob', data: '{"reason":"gone"}', endReason: 'ended' });
    await laptop.next('invitationEnded', (e) => e.inviteID === inviteID);
    const stored = await cluster.snapshot(inviteID);
    expect(stored.users.find((u) => u.userID === 'bob')).toMatchObject({ state: 'quit', data: '{"reason":"gone"}' });
    expect(alice.seen('invitationEnded').filter((e) => e.inviteID === inviteID)).toHaveLength(1);
    expect(laptop.connectionState).toBe('connected');
  });
});
