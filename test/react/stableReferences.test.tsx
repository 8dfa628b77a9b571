import { act } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  useActiveInvitations,
  useBusy,
  useCall,
  useCallActions,
  useCallHistory,
  useCallUser,
  useCallUsers,
  useConnectionState,
  useIncomingInvitation,
  useInvitation,
  useInvitationList,
  useInvite,
  useRaiseHand,
} from '../../src/react/index.js';
import { connectClient, eventually, renderHookAs, startServer } from './support/ringkit.js';

describe('hooks called again without a change', () => {
  it('return identical references', async () => {
    const server = await startServer();
    await server.groups.createGroup('class', ['teacher', 'bob']);
    const alice = await connectClient(server, 'alice');
    const teacher = await connectClient(server, 'teacher');
    const bob = await connectClient(server, 'bob');
    const a = renderHookAs(alice, () => useCall());
    // timeout 0: never times out, so no countdown ticks between the two renders.
    await act(() => a.result.current.call('bob', { roomID: 'r', timeout: 0 }));
    await teacher.inviteInGroup('class', ['bob'], { data: '{"ringkit":"raiseHand"}' });
    const callID = a.result.current.callID!;

    const hooks = () => ({
      connection: useConnectionState(),
      incoming: useIncomingInvitation({ filter: (i) => i.groupID === undefined }),
      call: useCall(),
      invite: useInvite(),
      invitation: useInvitation(callID),
      active: useActiveInvitations({ mode: 'advanced' }),
      users: useCallUsers(callID),
      user: useCallUser(callID, 'bob'),
      actions: useCallActions(callID),
      hand: useRaiseHand('class'),
      busy: useBusy(),
      list: useInvitationList(),
      history: useCallHistory({ type: 'c2c', userID: 'alice' }),
    });
    const b = renderHookAs(bob, hooks);
    await eventually(() => {
      expect(b.result.current.call.status).toBe('ringing');
      expect(b.result.current.hand.asked).toBe(true);
      expect(b.result.current.list.invitations).toHaveLength(2);
      expect(b.result.current.history.messages.length).toBeGreaterThan(0);
      expect(b.result.current.user?.state).toBe('received');
    });
    const before = b.result.current;
    b.rerender();
    const after = b.result.current;
    expect(after).not.toBe(before); // a fresh object from renderHook's callback…
    for (const key of Object.keys(before) as (keyof typeof before)[]) expect(after[key], key).toBe(before[key]); // …holding the same references
    expect(after.incoming).toMatchObject({ invitation: { inviteID: callID }, secondsRemaining: null });
  });
});
