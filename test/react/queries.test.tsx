import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { RingkitProvider, useCallHistory, useInvitationList } from '../../src/react/index.js';
import { connectClient, eventually, renderHookAs, startServer } from './support/ringkit.js';

describe('list hooks over TanStack Query', () => {
  it('pages through invitations and keeps them fresh from live events', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const first = await alice.invite('bob');
    const second = await alice.invite('bob');
    const list = renderHookAs(bob, () => useInvitationList({ count: 1 }));

    await eventually(() => expect(list.result.current.invitations.map((i) => i.inviteID)).toEqual([second.inviteID]));
    expect(list.result.current.hasNextPage).toBe(true);
    await act(() => list.result.current.fetchNextPage());
    await eventually(() => expect(list.result.current.invitations.map((i) => i.inviteID)).toEqual([second.inviteID, first.inviteID]));

    // A change to a listed invitation is patched in; a new invitation refetches the list.
    await alice.cancel(first.inviteID);
    await eventually(() => expect(list.result.current.invitations[1]).toMatchObject({ inviteID: first.inviteID, state: 'ended' }));
    const third = await alice.invite('bob');
    await eventually(() => expect(list.result.current.invitations[0]?.inviteID).toBe(third.inviteID));
    expect(list.result.current.error).toBeNull();
  });

  it('reads a conversation’s signaling history and refetches when a call in it changes', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob');
    const history = renderHookAs(bob, () => useCallHistory({ type: 'c2c', userID: 'alice' }));
    await eventually(() => expect(history.result.current.messages.map((m) => m.signaling.actionType)).toEqual(['invite']));
    await bob.reject(inviteID, { data: 'later' });
    await eventually(() => expect(history.result.current.messages.map((m) => m.signaling.actionType)).toEqual(['reject', 'invite']));
    expect(history.result.current.messages[0]).toMatchObject({ sender: 'bob', signaling: { inviteID, data: 'later' } });
  });

  it('history of a group the user is not in is an error as state', async () => {
    const server = await startServer();
    await server.groups.createGroup('secret', ['alice']);
    const bob = await connectClient(server, 'bob');
    const history = renderHookAs(bob, () => useCallHistory({ type: 'group', groupID: 'secret' }));
    await eventually(() => expect(history.result.current.error?.code).toBe('NOT_GROUP_MEMBER'));
  });

  it('the provider brings a QueryClient only when the app has none', async () => {
    const server = await startServer();
    const bob = await connectClient(server, 'bob');
    const own = renderHookAs(bob, () => useQueryClient());
    expect(own.result.current).toBeInstanceOf(QueryClient);

    const app = new QueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={app}>
        <RingkitProvider client={bob}>{children}</RingkitProvider>
      </QueryClientProvider>
    );
    expect(renderHook(() => useQueryClient(), { wrapper }).result.current).toBe(app);
  });
});
