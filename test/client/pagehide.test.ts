// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLoopbackTransport, createSignalingClient, type SignalingClient } from '../../src/index.js';
import { createLoopbackServer } from '../../src/engine/createLoopbackServer.js';
import { createMemoryGroupDirectory } from '../../src/engine/memory/createMemoryGroupDirectory.js';
import { createMemoryStorage } from '../../src/engine/memory/createMemoryStorage.js';

const servers: ReturnType<typeof createLoopbackServer>[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

describe('the page is going away (pagehide)', () => {
  it("the caller's tab closes: the callee stops ringing at once (callerGone), despite a 35 s grace period", async () => {
    const storage = createMemoryStorage();
    const server = createLoopbackServer({ storage, groups: createMemoryGroupDirectory(), limits: { callerGraceSeconds: 35 } });
    servers.push(server);
    const alice: SignalingClient = createSignalingClient({ transport: createLoopbackTransport(server, { userID: 'alice' }), userID: 'alice' });
    await alice.connect();
    const { inviteID } = await alice.invite('bob', { timeout: 60 });

    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    expect(alice.connectionState).toBe('disconnected');
    // bob's phone (elsewhere) would now get the cancellation: the server has cancelled him.
    await vi.waitFor(async () => expect((await storage.getInvitation(inviteID))?.users[0]).toMatchObject({ state: 'cancelled', reason: 'callerGone' }), { timeout: 5000 });
  });

  it('a page restored from the back/forward cache connects again', async () => {
    const server = createLoopbackServer({ storage: createMemoryStorage(), groups: createMemoryGroupDirectory() });
    servers.push(server);
    const alice = createSignalingClient({ transport: createLoopbackTransport(server, { userID: 'alice' }), userID: 'alice' });
    await alice.connect();
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    expect(alice.connectionState).toBe('disconnected');
    const back = new Promise<void>((resolve) => alice.on('connectionStateChanged', (e) => e.state === 'connected' && resolve()));
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await back;
    alice.disconnect();
  });
});
