import { describe, expect, inject, it } from 'vitest';
import { startCluster, type Cluster } from '../support/cluster.js';
import { connectClient } from '../support/harness.js';

const url = inject('redisUrl');

describe('busy across nodes', () => {
  it("bob's phone on node 2 is marked busy: alice on node 1 calls with busyPolicy reject and is refused at once; bob's laptop on node 3 never rings", async () => {
    const cluster = await startCluster(url, 3);
    const [n1, n2, n3] = cluster.nodes as [Cluster['nodes'][0], Cluster['nodes'][0], Cluster['nodes'][0]];
    const alice = await connectClient(n1, 'alice');
    const phone = await connectClient(n2, 'bob', { deviceID: 'phone' });
    const laptop = await connectClient(n3, 'bob', { deviceID: 'laptop' });
    await phone.setBusy(true);

    const { inviteID, invitation } = await alice.invite('bob', { busyPolicy: 'reject', timeout: 30 });
    expect(invitation.users[0]).toMatchObject({ state: 'rejected', reason: 'busy' });
    const { inviteID: waiting } = await alice.invite('bob', { timeout: 30 });
    await laptop.next('invitationReceived', (e) => e.inviteID === waiting);
    expect(laptop.seen('invitationReceived').map((e) => e.inviteID)).not.toContain(inviteID);

    // The busy device leaves: the mark goes with it.
    phone.disconnect();
    await expect.poll(async () => (await alice.invite('bob', { busyPolicy: 'reject', timeout: 30 })).invitation.users[0]?.state).toBe('inviting');
  });
});
