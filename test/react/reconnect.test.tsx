import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../src/server/index.js';
import { useActiveInvitations, useConnectionState, useIncomingInvitation, useInvitation, useInvite } from '../../src/react/index.js';
import { connectClient, eventually, renderHookAs, startServer } from './support/ringkit.js';

describe('reconnect', () => {
  it('brings hook state back to the server’s after changes made while bob was away', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    let blocked = false;
    server.io.use((_socket, next) => (blocked ? next(new Error('blocked by the test')) : next()));
    const alice = await connectClient(server, 'alice');
    const carol = await connectClient(server, 'carol');
    const bob = await connectClient(server, 'bob');

    const first = await alice.invite('bob', { timeout: 120 });
    const answered = await carol.invite('bob', { timeout: 120 });
    const b = renderHookAs(bob, () => ({
      state: useConnectionState(),
      active: useActiveInvitations(),
      incoming: useIncomingInvitation(),
      first: useInvitation(first.inviteID),
      invite: useInvite(),
    }));
    await eventually(() => expect(b.result.current.incoming.invitations.map((i) => i.inviteID)).toEqual([first.inviteID, answered.inviteID]));

    // Bob drops and cannot come back while the others act.
    blocked = true;
    for (const socket of server.io.sockets.sockets.values()) if (socket.handshake.auth.userID === 'bob') socket.conn.close();
    await eventually(() => expect(b.result.current.state).toBe('reconnecting'));
    expect(b.result.current.invite).toMatchObject({ disabled: true, disabledReason: { code: 'NOT_CONNECTED' } });

    await alice.cancel(first.inviteID, { data: 'never mind' });
    const second = await alice.invite('bob', { timeout: 120, data: 'are you there?' });
    await carol.modify(answered.inviteID, 'new topic');

    blocked = false;
    await eventually(() => expect(b.result.current.state).toBe('connected'));
    await eventually(async () => {
      const onServer = await Promise.all([answered, second].map((i) => storage.getInvitation(i.inviteID)));
      expect(b.result.current.incoming.invitations).toEqual(onServer);
    });
    const cancelled = await storage.getInvitation(first.inviteID);
    expect(b.result.current.first).toEqual(cancelled);
    expect(cancelled).toMatchObject({ state: 'ended', endReason: 'cancelled' });
    expect(b.result.current.active.map((i) => i.inviteID)).toEqual([answered.inviteID, second.inviteID]);
    expect(b.result.current.incoming.invitations[0]?.data).toBe('new topic');
    expect(b.result.current.invite.disabled).toBe(false);
  });
});
