import { describe, expect, inject, it } from 'vitest';
import { startCluster, type Cluster } from '../support/cluster.js';
import { connectClient, type TestClient } from '../support/harness.js';

const url = inject('redisUrl');
const signalsOf = (client: TestClient, inviteID: string) => client.seen('mediaSignal').filter((e) => e.inviteID === inviteID);

describe('media signals across nodes', () => {
  it("alice on node 1, bob's phone (answering) on node 2 and his laptop on node 3: signals cross the Redis adapter in order, to the phone only", async () => {
    const cluster = await startCluster(url, 3, { limits: { mediaSignalsPerSecond: 10_000 } });
    const [n1, n2, n3] = cluster.nodes as [Cluster['nodes'][0], Cluster['nodes'][0], Cluster['nodes'][0]];
    const alice = await connectClient(n1, 'alice', { deviceID: 'alice-desk' });
    const phone = await connectClient(n2, 'bob', { deviceID: 'phone' });
    const laptop = await connectClient(n3, 'bob', { deviceID: 'laptop' });

    const { inviteID } = await alice.invite('bob', { mode: 'advanced' });
    await phone.accept(inviteID);

    const offer = Array.from({ length: 200 }, (_, i) => `alice ${i}`);
    const answer = Array.from({ length: 200 }, (_, i) => `bob ${i}`);
    await Promise.all([...offer.map((s) => alice.sendMediaSignal(inviteID, 'bob', s)), ...answer.map((s) => phone.sendMediaSignal(inviteID, 'alice', s))]);
    await expect.poll(() => signalsOf(phone, inviteID).length).toBe(200);
    await expect.poll(() => signalsOf(alice, inviteID).length).toBe(200);
    expect(signalsOf(phone, inviteID).map((e) => e.signal)).toEqual(offer);
    expect(signalsOf(alice, inviteID).map((e) => e.signal)).toEqual(answer);
    expect(signalsOf(phone, inviteID)[0]).toEqual({ inviteID, from: 'alice', fromDeviceID: 'alice-desk', signal: 'alice 0' });

    // The laptop, on a node of its own, never sees any, and cannot send from the phone's part.
    await laptop.queryInvitations({ count: 1 });
    expect(laptop.seen('mediaSignal')).toEqual([]);
    await expect(laptop.sendMediaSignal(inviteID, 'alice', 'x')).rejects.toMatchObject({ code: 'INVITATION_NOT_FOUND' });

    // Bob takes the call over on the laptop (join on node 3): from then on the laptop is the one.
    await laptop.join(inviteID);
    await alice.sendMediaSignal(inviteID, 'bob', 'to the laptop');
    expect(await laptop.next('mediaSignal')).toMatchObject({ signal: 'to the laptop', from: 'alice' });
    await expect(phone.sendMediaSignal(inviteID, 'alice', 'x')).rejects.toMatchObject({ code: 'INVITATION_NOT_FOUND' });
    expect(signalsOf(phone, inviteID)).toHaveLength(200);
  });

  it("the media budget is one per user across nodes, and apart from the app's requests", async () => {
    const cluster = await startCluster(url, 2, { limits: { mediaSignalsPerSecond: 20, requestsPerSecond: 20 } });
    const [n1, n2] = cluster.nodes as [Cluster['nodes'][0], Cluster['nodes'][0]];
    const alice = await connectClient(n1, 'alice');
    const bob = await connectClient(n2, 'bob');
    const { inviteID } = await alice.invite('bob', { mode: 'advanced' });
    await bob.accept(inviteID);

    const flood = await Promise.all(Array.from({ length: 100 }, (_, i) => alice.sendMediaSignal(inviteID, 'bob', `c${i}`).then(() => 'ok', (e: { code: string }) => e.code)));
    const relayed = flood.filter((c) => c === 'ok').length;
    expect(relayed).toBeGreaterThan(0);
    expect(relayed).toBeLessThan(100);
    expect(flood.filter((c) => c !== 'ok').every((c) => c === 'RATE_LIMITED')).toBe(true);
    // The app's own budget was not touched by the flood.
    await expect(alice.queryInvitations({ count: 1 })).resolves.toBeDefined();
    await expect.poll(() => signalsOf(bob, inviteID).length).toBe(relayed);
    expect(signalsOf(bob, inviteID).map((e) => e.signal)).toEqual(flood.flatMap((c, i) => (c === 'ok' ? [`c${i}`] : [])));
  });
});
