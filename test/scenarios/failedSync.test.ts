import { describe, expect, it } from 'vitest';
import { RingkitError } from '../../src/index.js';
import { createMemoryStorage } from '../../src/server/index.js';
import { connectClient, startServer } from '../support/harness.js';

describe('a server that cannot answer the first sync', () => {
  it('answers session:sync with INTERNAL, and the connected client asks again and gets in sync', async () => {
    // Storage that is away for the first sync's read (e.g. Redis restarting) while the link is up.
    const storage = createMemoryStorage();
    const missedOf = storage.missedOf.bind(storage);
    let outages = 1;
    storage.missedOf = async (userID) => {
      if (outages-- > 0) throw new RingkitError('INTERNAL', 'storage unavailable: restarting');
      return missedOf(userID);
    };
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice', { connect: false });
    await alice.connect();

    expect(outages).toBeLessThan(0);
    expect(alice.seen('connectionStateChanged').map((e) => e.state)).toEqual(['connecting', 'connected']);
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await bob.invite('alice');
    expect((await alice.next('invitationReceived', (e) => e.inviteID === inviteID)).inviter).toBe('bob');
  });
});
