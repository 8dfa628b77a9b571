import { act } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../src/server/index.js';
import { useCallUsers, useIncomingInvitation } from '../../src/react/index.js';
import { connectClient, eventually, renderHookAs, startServer } from './support/ringkit.js';

/**
 * Contract audit through the hooks: whether bob answers as it rings (an auto-answer, which sends no
 * separate receipt) or by pressing accept on his phone, with his laptop ringing too and the acting
 * device getting its change only in its answer, every user's hooks end on the server's state.
 */
describe('useIncomingInvitation and useCallUsers on every device after an answer', () => {
  it.each(['answered in the invitationReceived handler', 'answered with the phone’s accept button'] as const)('%s: both of bob’s devices stop ringing, and every device’s useCallUsers shows bob accepted on the phone', async (how) => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice', { deviceID: 'phone' });
    const aliceLaptop = await connectClient(server, 'alice', { deviceID: 'laptop' });
    const bob = await connectClient(server, 'bob', { deviceID: 'phone' });
    const bobLaptop = await connectClient(server, 'bob', { deviceID: 'laptop' });
    if (how === 'answered in the invitationReceived handler') bob.on('invitationReceived', (e) => void bob.accept(e.inviteID, { data: 'auto' }));

    const incoming = [bob, bobLaptop].map((c) => renderHookAs(c, () => useIncomingInvitation()));
    const { inviteID } = await alice.invite('bob');
    const users = [alice, aliceLaptop, bob, bobLaptop].map((c) => renderHookAs(c, () => useCallUsers(inviteID)));

    if (how === 'answered with the phone’s accept button') {
      for (const hook of incoming) await eventually(() => expect(hook.result.current.invitation?.inviteID).toBe(inviteID));
      await act(() => incoming[0]!.result.current.accept('auto'));
    }
    await eventually(async () => expect((await storage.getInvitation(inviteID))?.state).toBe('ended'));
    const truth = (await storage.getInvitation(inviteID))!;
    expect(truth.users[0]).toMatchObject({ userID: 'bob', state: 'accepted', deviceID: 'phone', data: 'auto' });
    for (const hook of incoming) await eventually(() => expect(hook.result.current.invitation).toBeUndefined());
    for (const hook of users) {
      await eventually(() => expect(hook.result.current.users).toStrictEqual(truth.users));
      expect(hook.result.current.counts).toMatchObject({ accepted: 1, inviting: 0, received: 0 });
    }
  });
});
