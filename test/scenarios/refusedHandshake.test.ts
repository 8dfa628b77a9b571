import { describe, expect, it } from 'vitest';
import { RingkitError } from '../../src/index.js';
import { createMemoryStorage } from '../../src/server/index.js';
import { connectClient, startServer } from '../support/harness.js';

describe('a server that cannot register a device for a moment', () => {
  it('refuses the handshake with INTERNAL, and the client comes back by itself and connects', async () => {
    // Storage that is away for the first device registration (e.g. Redis restarting).
    const storage = createMemoryStorage();
    const addDevice = storage.addDevice.bind(storage);
    let outages = 1;
    storage.addDevice = async (userID, connectionID) => {
      if (outages-- > 0) throw new RingkitError('INTERNAL', 'storage unavailable: restarting');
      return addDevice(userID, connectionID);
    };
    const server = await startServer({ storage });

    const bob = await connectClient(server, 'bob', { connect: false });
    await bob.connect();

    expect(outages).toBeLessThan(0);
    expect(bob.seen('connectionStateChanged').map((e) => e.state)).toEqual(['connecting', 'connected']);
    const alice = await connectClient(server, 'alice');
    const { inviteID } = await alice.invite('bob');
    expect((await bob.next('invitationReceived', (e) => e.inviteID === inviteID)).inviter).toBe('alice');
  });
});
