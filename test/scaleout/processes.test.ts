import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { createRedisStorage } from '../../src/server/redis/createRedisStorage.js';
import { connectClient, until } from '../support/harness.js';
import { spawnRingkitServer } from '../support/spawnRingkitServer.js';

const url = inject('redisUrl');

// Three node processes start and one is killed: under a loaded machine that alone can take most of the default 20 s.
describe('three ringkit-server processes over one Redis', { timeout: 60_000 }, () => {
  it('kill -9 of the node that created a ringing invitation: the inviter comes back on another node, sees the truth, and the timeout fires once', async () => {
    const env = { REDIS_URL: url, RINGKIT_REDIS_PREFIX: `procs:${randomUUID()}:` };
    const [n1, n2, n3] = await Promise.all([1, 2, 3].map(() => spawnRingkitServer(['--dev'], env)));
    const storage = await createRedisStorage({ url, keyPrefix: env.RINGKIT_REDIS_PREFIX });
    onTestFinished(() => storage.close());

    const alice = await connectClient(n1!, 'alice', { deviceID: 'alice-phone' });
    const phone = await connectClient(n2!, 'bob', { deviceID: 'phone' });
    const laptop = await connectClient(n3!, 'bob', { deviceID: 'laptop' });
    const { inviteID } = await alice.invite('bob', { timeout: 6, data: 'ring' });
    for (const device of [phone, laptop]) await device.next('invitationReceived', (e) => e.inviteID === inviteID);

    await n1!.stop(true);
    alice.disconnect();
    // alice's app reconnects to a surviving node under the same device.
    const aliceAgain = await connectClient(n2!, 'alice', { deviceID: 'alice-phone' });
    const stored = await storage.getInvitation(inviteID);
    expect(stored?.state).toBe('active');
    await until(() => aliceAgain.getInvitation(inviteID)?.version === stored?.version, 5000, 'alice in sync');
    expect(aliceAgain.getInvitation(inviteID)).toEqual(stored);

    // The deadline passes with the creating node gone: the timeout fires once, seen everywhere once.
    for (const c of [aliceAgain, phone, laptop]) {
      expect(await c.next('invitationTimeout', (e) => e.inviteID === inviteID, 10_000)).toMatchObject({ isSelfTimeout: c.userID === 'bob' });
    }
    const ended = await storage.getInvitation(inviteID);
    expect(ended).toMatchObject({ state: 'ended', endReason: 'timeout' });
    await until(() => [aliceAgain, phone, laptop].every((c) => c.getInvitation(inviteID)?.version === ended?.version), 5000, 'mirrors final');
    for (const c of [aliceAgain, phone, laptop]) {
      expect(c.getInvitation(inviteID)).toEqual(ended);
      expect(c.seen('invitationTimeout').filter((e) => e.inviteID === inviteID)).toHaveLength(1);
    }
    const history = await storage.getHistory('c2c:alice|bob', 100, 0);
    expect(history.entries.filter((e) => e.signaling.inviteID === inviteID).map((e) => e.signaling.actionType).reverse()).toEqual(['invite', 'timeout']);

    // The two survivors go on as a cluster: alice on node 2 calls, bob answers on node 3.
    const second = await aliceAgain.invite('bob', { timeout: 30 });
    await phone.next('invitationReceived', (e) => e.inviteID === second.inviteID);
    await laptop.next('invitationReceived', (e) => e.inviteID === second.inviteID);
    await laptop.accept(second.inviteID, { data: 'laptop' });
    expect(await aliceAgain.next('inviteeAccepted', (e) => e.inviteID === second.inviteID)).toMatchObject({ deviceID: 'laptop' });
    const onPhone = await phone.next('callUserStateChanged', (e) => e.inviteID === second.inviteID && e.callUserList.some((u) => u.state === 'accepted'));
    expect(onPhone.callUserList[0]).toMatchObject({ userID: 'bob', deviceID: 'laptop' });
  });
});
