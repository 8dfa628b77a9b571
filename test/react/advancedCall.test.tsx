import { act } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useCallActions, useCallUsers, useIncomingInvitation, useInvite } from '../../src/react/index.js';
import { connectClient, eventually, renderHookAs, startServer } from './support/ringkit.js';

describe('an advanced group call through useInvite, useCallActions and useCallUsers', () => {
  it('invites, adds a third user, who joins and quits, and ends it for everyone', async () => {
    const server = await startServer();
    const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((id) => connectClient(server, id)));
    const a = renderHookAs(alice!, () => useInvite());
    await act(() => a.result.current.invite('bob', { mode: 'advanced' }));
    const inviteID = a.result.current.inviteID!;
    expect(a.result.current.invitation?.users.map((u) => [u.userID, u.state])).toEqual([['alice', 'accepted'], ['bob', 'inviting']]);

    const aliceCall = renderHookAs(alice!, () => ({ actions: useCallActions(inviteID), users: useCallUsers(inviteID) }));
    const b = renderHookAs(bob!, () => ({ incoming: useIncomingInvitation(), actions: useCallActions(inviteID) }));
    const c = renderHookAs(carol!, () => ({ incoming: useIncomingInvitation(), actions: useCallActions(inviteID) }));
    expect(aliceCall.result.current.actions.can).toEqual({ callingInvite: true, join: false, quit: true, end: true });

    await eventually(() => expect(b.result.current.incoming.invitation?.inviteID).toBe(inviteID));
    expect(b.result.current.actions.can).toMatchObject({ join: true, quit: false, end: false });
    await act(() => b.result.current.incoming.accept());
    await eventually(() => expect(b.result.current.actions.can).toMatchObject({ callingInvite: true, quit: true }));

    await act(() => b.result.current.actions.callingInvite(['carol']));
    await eventually(() => expect(c.result.current.incoming.invitation?.inviteID).toBe(inviteID));
    await act(() => c.result.current.actions.join());
    await eventually(() => expect(aliceCall.result.current.users.counts.accepted).toBe(3));
    expect(aliceCall.result.current.users.users.map((u) => u.userID)).toEqual(['alice', 'bob', 'carol']);
    expect(c.result.current.incoming.invitation).toBeUndefined();

    await act(() => c.result.current.actions.quit());
    await eventually(() => expect(aliceCall.result.current.users.counts).toMatchObject({ accepted: 2, quit: 1 }));
    expect(c.result.current.actions.can.quit).toBe(false);

    await act(() => aliceCall.result.current.actions.end());
    await eventually(() => expect(b.result.current.actions.can).toEqual({ callingInvite: false, join: false, quit: false, end: false }));
    expect(a.result.current.invitation).toMatchObject({ state: 'ended', endReason: 'ended' });

    // Acting on an ended call is an error as state.
    await act(() => b.result.current.actions.quit());
    expect(b.result.current.actions.error?.code).toBe('INVALID_STATE');
  });
});
