import { afterEach, describe, expect, it } from 'vitest';
import { createLoopbackTransport, createSignalingClient, type SignalingClient } from '../../src/index.js';
import { MAX_ENDED_INVITATIONS } from '../../src/client/putSnapshot.js';
import { createLoopbackServer } from '../../src/engine/createLoopbackServer.js';
import { createMemoryGroupDirectory } from '../../src/engine/memory/createMemoryGroupDirectory.js';
import { createMemoryStorage } from '../../src/engine/memory/createMemoryStorage.js';

const open: { server: ReturnType<typeof createLoopbackServer>; clients: SignalingClient[] }[] = [];
afterEach(() => {
  for (const { server, clients } of open.splice(0)) {
    clients.forEach((c) => c.disconnect());
    server.close();
  }
});

describe('the mirror keeps at most MAX_ENDED_INVITATIONS ended invitations, the newest', () => {
  it('a busy client: the oldest ended go first, active ones stay, and the record is rebuilt only after a change', async () => {
    const server = createLoopbackServer({ storage: createMemoryStorage(), groups: createMemoryGroupDirectory(), limits: { requestsPerSecond: 100_000 } });
    const alice = createSignalingClient({ transport: createLoopbackTransport(server, { userID: 'alice' }), userID: 'alice' });
    await alice.connect();
    open.push({ server, clients: [alice] });

    const ringing = await alice.invite('bob', { timeout: 0 });
    const cancelled: string[] = [];
    for (let i = 0; i < MAX_ENDED_INVITATIONS + 20; i++) {
      const { inviteID } = await alice.invite('bob', { timeout: 0 });
      await alice.cancel(inviteID);
      cancelled.push(inviteID);
    }
    const snapshot = alice.getSnapshot();
    expect(alice.getSnapshot()).toBe(snapshot); // the same object while nothing changes
    const ended = Object.values(snapshot).filter((i) => i.state === 'ended');
    expect(ended).toHaveLength(MAX_ENDED_INVITATIONS);
    expect(new Set(ended.map((i) => i.inviteID))).toEqual(new Set(cancelled.slice(20)));
    expect(snapshot[ringing.inviteID]?.state).toBe('active');
    expect(alice.getInvitation(cancelled[0]!)).toBeUndefined();
    expect(alice.getInvitations()).toHaveLength(MAX_ENDED_INVITATIONS + 1);

    await alice.cancel(ringing.inviteID);
    const after = alice.getSnapshot();
    expect(after).not.toBe(snapshot);
    expect(after[cancelled[30]!]).toBe(snapshot[cancelled[30]!]); // unchanged invitations keep their objects
  });
});
