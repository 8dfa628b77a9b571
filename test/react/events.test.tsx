import { describe, expect, it } from 'vitest';
import { createSignalingClient } from '../../src/client/createSignalingClient.js';
import { createLoopbackTransport } from '../../src/client/createLoopbackTransport.js';
import { createLoopbackServer } from '../../src/engine/createLoopbackServer.js';
import { createMemoryGroupDirectory } from '../../src/engine/memory/createMemoryGroupDirectory.js';
import { createMemoryStorage } from '../../src/engine/memory/createMemoryStorage.js';
import type { SignalingClient } from '../../src/client/SignalingClient.js';
import { useIncomingInvitation, useRingkitEvent } from '../../src/react/index.js';
import { connectClient, eventually, renderHookAs, startServer } from './support/ringkit.js';

describe('useRingkitEvent', () => {
  it('calls the latest handler without resubscribing, and stops on unmount', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const calls: string[] = [];
    let subscriptions = 0;
    const on = bob.on.bind(bob);
    bob.on = ((name, handler) => {
      if (name === 'inviteeAccepted') subscriptions++;
      return on(name, handler);
    }) as typeof bob.on;

    const view = renderHookAs(bob, ({ tag }: { tag: string } = { tag: 'first' }) => useRingkitEvent('inviteeAccepted', (e) => calls.push(`${tag}:${e.invitee}`)));
    const { inviteID } = await bob.invite('alice');
    const afterMount = subscriptions; // the store's and the hook's
    view.rerender({ tag: 'second' });
    expect(subscriptions).toBe(afterMount);
    await alice.accept(inviteID);
    await eventually(() => expect(calls).toEqual(['second:alice']));

    view.unmount();
    const again = await bob.invite('alice');
    await alice.accept(again.inviteID);
    await bob.next('inviteeAccepted', (e) => e.inviteID === again.inviteID);
    expect(calls).toEqual(['second:alice']);
  });
});

describe('the in-page loopback server', () => {
  it('drives the same hooks without a network (for stories and offline demos)', async () => {
    const server = createLoopbackServer({ storage: createMemoryStorage(), groups: createMemoryGroupDirectory() });
    const client = (userID: string): SignalingClient => createSignalingClient({ userID, transport: createLoopbackTransport(server, { userID }) });
    const alice = client('alice');
    const bob = client('bob');
    try {
      await Promise.all([alice.connect(), bob.connect()]);
      const b = renderHookAs(bob, () => useIncomingInvitation());
      const { inviteID } = await alice.invite('bob', { data: 'hi' });
      await eventually(() => expect(b.result.current.invitation).toMatchObject({ inviteID, data: 'hi' }));
    } finally {
      alice.disconnect();
      bob.disconnect();
      server.close();
    }
  });
});
