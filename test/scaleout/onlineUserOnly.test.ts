import { describe, expect, inject, it } from 'vitest';
import { startCluster, type Cluster } from '../support/cluster.js';
import { connectClient } from '../support/harness.js';

const url = inject('redisUrl');

describe('onlineUserOnly across nodes', () => {
  it('bob, offline when alice (node 1) called him and carol (node 2), comes online on node 3 and hears nothing of it', async () => {
    const cluster = await startCluster(url, 3);
    const [n1, n2, n3] = cluster.nodes as [Cluster['nodes'][0], Cluster['nodes'][0], Cluster['nodes'][0]];
    const alice = await connectClient(n1, 'alice');
    const carol = await connectClient(n2, 'carol');
    const { inviteID } = await alice.invite(['carol', 'bob'], { onlineUserOnly: true, timeout: 30 });
    expect(await cluster.snapshot(inviteID)).toMatchObject({ undelivered: ['bob'] });

    const bob = await connectClient(n3, 'bob');
    await carol.next('invitationReceived', (e) => e.inviteID === inviteID);
    await carol.accept(inviteID);
    await alice.next('inviteeAccepted', (e) => e.inviteID === inviteID);

    const { inviteID: later } = await alice.invite('bob', { timeout: 30 });
    await bob.next('invitationReceived', (e) => e.inviteID === later);
    expect(bob.events.filter((r) => 'inviteID' in r.event && r.event.inviteID === inviteID)).toEqual([]);
    expect((await bob.queryInvitations({ count: 20 })).invitations.map((i) => i.inviteID)).toEqual([later]);
  });
});
