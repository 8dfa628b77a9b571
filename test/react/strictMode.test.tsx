import { act, render } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { SignalingClient } from '../../src/client/SignalingClient.js';
import {
  RingkitProvider,
  useCall,
  useConnectionState,
  useIncomingInvitation,
  useInvitationList,
  useRingkitEvent,
} from '../../src/react/index.js';
import type { InvitationReceivedEvent } from '../../src/protocol/events.js';
import { connectClient, eventually, renderHookAs, startServer } from './support/ringkit.js';

/** Counts the client's live subscriptions from now on. */
function countSubscriptions(client: SignalingClient): () => number {
  let active = 0;
  const on = client.on.bind(client);
  client.on = ((name, handler) => {
    active++;
    const off = on(name, handler);
    let done = false;
    return () => {
      if (!done) active--;
      done = true;
      off();
    };
  }) as SignalingClient['on'];
  return () => active;
}

function useEverything(seen: InvitationReceivedEvent[]) {
  useRingkitEvent('invitationReceived', (e) => seen.push(e));
  return { incoming: useIncomingInvitation(), call: useCall(), list: useInvitationList() };
}

describe('StrictMode double mounting', () => {
  it('leaves the same subscriptions as a normal mount, and every event handled once', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const carol = await connectClient(server, 'carol');
    const bobSubscriptions = countSubscriptions(bob);
    const carolSubscriptions = countSubscriptions(carol);
    const bobSeen: InvitationReceivedEvent[] = [];
    const carolSeen: InvitationReceivedEvent[] = [];
    const strict = renderHookAs(bob, () => useEverything(bobSeen), { strict: true });
    const normal = renderHookAs(carol, () => useEverything(carolSeen));

    await eventually(() => expect(bobSubscriptions()).toBe(carolSubscriptions()));
    expect(bobSubscriptions()).toBeGreaterThan(0);

    const { inviteID } = await alice.invite(['bob', 'carol'], { mode: 'advanced', data: '{"roomID":"r"}' });
    await eventually(() => expect(strict.result.current.incoming.invitation?.inviteID).toBe(inviteID));
    await eventually(() => expect(normal.result.current.incoming.invitation?.inviteID).toBe(inviteID));
    await eventually(() => expect(strict.result.current.list.invitations.map((i) => i.inviteID)).toEqual([inviteID]));
    expect(bobSeen.map((e) => e.inviteID)).toEqual([inviteID]);
    expect(carolSeen.map((e) => e.inviteID)).toEqual([inviteID]);

    strict.unmount();
    normal.unmount();
    expect(bobSubscriptions()).toBe(0);
    expect(carolSubscriptions()).toBe(0);
  });

  it('a provider given a url opens exactly one connection, and closes it on unmount', async () => {
    const server = await startServer();
    const sockets = () => [...server.io.sockets.sockets.values()].filter((s) => s.handshake.auth.userID === 'dave').length;
    let state = '';
    function Probe() {
      state = useConnectionState();
      return null;
    }
    const view = render(
      <StrictMode>
        <RingkitProvider url={server.url} userID="dave">
          <Probe />
        </RingkitProvider>
      </StrictMode>,
    );
    await eventually(() => expect(state).toBe('connected'));
    await eventually(() => expect(sockets()).toBe(1));
    act(() => view.unmount());
    await eventually(() => expect(sockets()).toBe(0));
  });

  it('a provider given a url never opens a socket for the throwaway mount, so no socket is closed while connecting', async () => {
    const server = await startServer();
    const connect = vi.spyOn(SignalingClient.prototype, 'connect');
    const disconnect = vi.spyOn(SignalingClient.prototype, 'disconnect');
    const states: string[] = [];
    function Probe() {
      const state = useConnectionState();
      if (states.at(-1) !== state) states.push(state);
      return null;
    }
    try {
      const view = render(
        <StrictMode>
          <RingkitProvider url={server.url} userID="erin">
            <Probe />
          </RingkitProvider>
        </StrictMode>,
      );
      await eventually(() => expect(states.at(-1)).toBe('connected'));
      expect(connect).toHaveBeenCalledTimes(1);
      expect(disconnect).not.toHaveBeenCalled();
      expect(states).toEqual(['disconnected', 'connecting', 'connected']);
      act(() => view.unmount());
      expect(disconnect).toHaveBeenCalledTimes(1);
    } finally {
      connect.mockRestore();
      disconnect.mockRestore();
    }
  });
});
